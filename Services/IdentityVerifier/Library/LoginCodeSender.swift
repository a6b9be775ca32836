/// Sends a login code by SMS. The service sends through the notifier over the bus; the
/// route logic depends only on this protocol so it runs the same in unit tests.
package protocol LoginCodeSender: Sendable {
    /// Sends `code` to `mobile` ("09…"), once per `eventId`.
    func send(code: String, to mobile: String, eventId: String) async throws
}
