import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Plain HTTP to processes on 127.0.0.1: ops ports (`/ready`, `/status`) and the desk's
/// control port.
package struct LocalHTTPClient: Sendable {
    /// An answer: status code and body.
    package struct Reply: Sendable {
        /// The HTTP status code.
        package var status: Int
        /// The body.
        package var body: Data
    }

    /// Why no answer came.
    package struct Failure: Error, CustomStringConvertible {
        /// The URL asked.
        package var url: String
        /// The reason, as the system gave it.
        package var reason: String
        /// True when nothing listens on the port (connection refused).
        package var isRefused: Bool

        /// The URL and the reason.
        package var description: String { "\(url): \(reason)" }
    }

    private let session: URLSession

    /// A client with no cache, cookies or proxy.
    package init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.connectionProxyDictionary = [:]
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    /// Sends a request to `http://127.0.0.1:<port><path>` and returns the answer, whatever its
    /// status.
    package func request(
        port: Int,
        path: String,
        method: String = "GET",
        body: Data? = nil,
        timeout: Duration = .seconds(2)
    ) async throws(Failure) -> Reply {
        let text = "http://127.0.0.1:\(port)\(path)"
        guard let url = URL(string: text) else { throw Failure(url: text, reason: "not a URL", isRefused: false) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData)
        // Set through the property, not the initializer: FoundationNetworking (Linux) honours
        // a request's own timeout only when the property was set, and otherwise applies the
        // session's timeoutIntervalForRequest (60 s), which made a 300 s `desk scale` give up
        // after 60 s and a 1 s readiness probe wait 60 s for a process that does not answer.
        request.timeoutInterval = timeout.secondsValue
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        do {
            let (data, response) = try await session.data(for: request)
            return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
        } catch {
            let refused = (error as? URLError)?.code == .cannotConnectToHost
            let reason = refused ? "connection refused" : (error as? URLError).map { "\($0.code)" } ?? "\(error)"
            throw Failure(url: text, reason: reason, isRefused: refused)
        }
    }

    /// True when the path answers 200 within the timeout.
    package func isOK(port: Int, path: String, timeout: Duration = .seconds(1)) async -> Bool {
        (try? await request(port: port, path: path, timeout: timeout))?.status == 200
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    package var secondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
