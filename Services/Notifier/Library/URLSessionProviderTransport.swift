import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `ProviderTransport` over an ephemeral `URLSession`; each request is cancelled with its task.
package final class URLSessionProviderTransport: ProviderTransport {
    private let session: URLSession

    /// A transport with its own session.
    package init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    package func post(_ url: URL, body: Data, headers: [String: String], timeout: Duration) async throws -> (
        status: Int, body: Data
    ) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        // FoundationNetworking counts this timeout in whole seconds; it is only a backstop here,
        // the exact timeout is the race below.
        request.timeoutInterval = Double(timeout.components.seconds) + 2
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let prepared = request
        return try await withThrowingTaskGroup(of: (status: Int, body: Data).self) { group in
            group.addTask { try await self.send(prepared) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw URLError(.timedOut)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw URLError(.unknown) }
            return first
        }
    }

    /// Runs one request; cancelling the calling task cancels it.
    private func send(_ request: URLRequest) async throws -> (status: Int, body: Data) {
        let box = Mutex<(task: URLSessionDataTask?, cancelled: Bool)>((nil, false))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<(status: Int, body: Data), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: (response.statusCode, data ?? Data()))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                let cancelled = box.withLock { box in
                    box.task = task
                    return box.cancelled
                }
                task.resume()
                if cancelled { task.cancel() }
            }
        } onCancel: {
            let task = box.withLock { box in
                box.cancelled = true
                return box.task
            }
            task?.cancel()
        }
    }
}
