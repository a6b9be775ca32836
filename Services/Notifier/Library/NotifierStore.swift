import Foundation

/// Where the notifier keeps its outbox and delivery log.
///
/// `enqueue` is the only way in, idempotent by event id and applying the per-recipient hourly
/// limit in the same transaction; the relay then claims due messages, sends them and records
/// each attempt's result. Several instances may share the store: a claim leases a message to
/// one relay, and a lease that runs out (a relay died mid-send) puts it back in the queue.
package protocol NotifierStore: Sendable {
    /// Queues `message` unless its event id is known; a new message over `hourlyLimit` for its
    /// recipient is stored as failed with `rateLimited`.
    ///
    /// - Returns: the stored message and whether it was there before (a duplicate).
    /// - Throws: `NotifierStoreError.eventIdReused` when the id came with another message.
    func enqueue(_ message: NewMessage, hourlyLimit: Int, now: Date) async throws -> (StoredMessage, duplicate: Bool)

    /// The message of an event, if any.
    func message(eventId: String) async throws -> StoredMessage?

    /// Leases up to `limit` queued messages whose attempt is due, marking them `sending` and
    /// counting the attempt.
    func claimDue(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredMessage]

    /// Records how the attempt on a claimed message ended, in the message and the attempt log.
    func finishAttempt(messageId: Int64, result: AttemptResult, now: Date) async throws

    /// When the relay should look again: the earliest due retry or lease end; nil when idle.
    func nextWakeDate() async throws -> Date?

    /// The latest messages, newest first.
    func latest(limit: Int) async throws -> [StoredMessage]

    /// The attempt log of a message: per attempt, its outcome and error.
    func attemptLog(messageId: Int64) async throws -> [(attempt: Int, outcome: String, error: String?)]

    /// Whether the store answers, for `/ready`.
    func isReady() async -> Bool
}
