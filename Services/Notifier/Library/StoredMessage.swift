import Foundation
import MizSchema

/// One row of the notifier's outbox and delivery log: the rendered message for one event and
/// where its delivery stands.
package struct StoredMessage: Sendable, Equatable {
    package var id: Int64
    package var eventId: String
    /// The recipient in canonical form "09…".
    package var recipient: String
    package var template: NotificationKind
    package var templateVersion: Int
    /// The rendered text, fixed at queueing so every attempt sends the same words.
    package var body: String
    package var status: DeliveryStatus
    package var failureReason: DeliveryFailureReason?
    /// The last error seen, for operators (never shown to citizens).
    package var lastError: String?
    /// Attempts started so far.
    package var attempts: Int
    package var createdAt: Date
    /// When the next attempt is due, while queued.
    package var nextAttemptAt: Date?
    package var deliveredAt: Date?

    /// Makes a row.
    package init(
        id: Int64, eventId: String, recipient: String, template: NotificationKind, templateVersion: Int, body: String,
        status: DeliveryStatus, failureReason: DeliveryFailureReason?, lastError: String?, attempts: Int,
        createdAt: Date, nextAttemptAt: Date?, deliveredAt: Date?
    ) {
        self.id = id
        self.eventId = eventId
        self.recipient = recipient
        self.template = template
        self.templateVersion = templateVersion
        self.body = body
        self.status = status
        self.failureReason = failureReason
        self.lastError = lastError
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
    }

    /// The message's wire receipt.
    package func receipt(duplicate: Bool) -> NotifierReceipt {
        NotifierReceipt(
            eventId: eventId, messageId: id, status: status, failureReason: failureReason, attempts: attempts,
            template: template, templateVersion: templateVersion, duplicate: duplicate, createdAt: createdAt,
            deliveredAt: deliveredAt)
    }
}
