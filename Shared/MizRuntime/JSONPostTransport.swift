import Foundation

/// Sends one JSON POST and returns the status and body: the seam between the desk's clients
/// of outside web services (civil registry, SMS provider) and the network.
package protocol JSONPostTransport: Sendable {
    /// Posts `body` as `application/json` to `url` with `headers`, giving up after `timeout`.
    ///
    /// - Throws: when no HTTP answer came (refused, reset, timed out, cancelled).
    func post(_ url: URL, body: Data, headers: [String: String], timeout: Duration) async throws -> JSONPostReply
}

/// An HTTP answer: status code and body bytes.
package struct JSONPostReply: Sendable, Equatable {
    package var status: Int
    package var body: Data

    /// Makes an answer.
    package init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}
