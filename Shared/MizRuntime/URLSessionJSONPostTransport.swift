import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `JSONPostTransport` over Foundation's `URLSession` (FoundationNetworking on Linux), for
/// the desk's calls to the world outside it (the civil registry, an SMS web service): the
/// package has no AsyncHTTPClient, and one JSON POST at a time needs nothing more.
///
/// The session is ephemeral (no cookies, no disk cache); each request carries its own timeout
/// and is cancelled with the calling task.
package final class URLSessionJSONPostTransport: JSONPostTransport {
    private let session: URLSession

    /// A transport with its own ephemeral session that keeps up to `maximumConnectionsPerHost`
    /// requests to one host in flight (Foundation's default of 6 would cap a service instance
    /// at 6 concurrent registry lookups, whatever its bus concurrency).
    package init(maximumConnectionsPerHost: Int = 64) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    package func post(_ url: URL, body: Data, headers: [String: String], timeout: Duration) async throws
        -> JSONPostReply
    {
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
        return try await withThrowingTaskGroup(of: JSONPostReply.self) { group in
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
    private func send(_ request: URLRequest) async throws -> JSONPostReply {
        let box = Mutex<(task: URLSessionDataTask?, cancelled: Bool)>((nil, false))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONPostReply, any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: JSONPostReply(status: response.statusCode, body: data ?? Data()))
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
