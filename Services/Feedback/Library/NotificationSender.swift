import MizSchema

/// Hands an SMS to the notifier; the relay uses it to empty the outbox.
package protocol NotificationSender: Sendable {
    /// Queues `request` at the notifier, which sends at most one SMS per event id.
    ///
    /// - Throws: the notifier's `BusError` (`unavailable` and `timeout` are worth retrying).
    func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt
}
