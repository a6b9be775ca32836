import Foundation

/// Sends one JSON POST to the SMS web service: the seam between `HTTPSMSProvider` and the
/// network. The package has no AsyncHTTPClient, so the implementation is Foundation's
/// `URLSession` (FoundationNetworking on Linux).
package protocol ProviderTransport: Sendable {
    /// Posts `body` as JSON to `url`; returns the status and body, or throws when no HTTP
    /// answer came within `timeout`.
    func post(_ url: URL, body: Data, headers: [String: String], timeout: Duration) async throws -> (
        status: Int, body: Data
    )
}
