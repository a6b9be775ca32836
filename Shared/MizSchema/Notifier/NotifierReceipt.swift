import Foundation

/// The state of one event's message: the reply of `notifier.send` and `notifier.status`.
public struct NotifierReceipt: Codable, Sendable, Equatable {
    /// The event id the message was sent for.
    public var eventId: String
    /// The notifier's own id of the message.
    public var messageId: Int64
    /// The delivery state at the time of the reply.
    public var status: DeliveryStatus
    /// Why the message failed, when `status` is `failed`.
    public var failureReason: DeliveryFailureReason?
    /// Attempts made so far.
    public var attempts: Int
    /// The template and its version the text was rendered from.
    public var template: NotificationKind
    public var templateVersion: Int
    /// True when this `notifier.send` repeated an event already queued: nothing new was sent.
    public var duplicate: Bool
    /// When the message was queued.
    public var createdAt: Date
    /// When the provider accepted it.
    public var deliveredAt: Date?

    /// Makes the receipt.
    public init(
        eventId: String, messageId: Int64, status: DeliveryStatus, failureReason: DeliveryFailureReason?,
        attempts: Int, template: NotificationKind, templateVersion: Int, duplicate: Bool, createdAt: Date,
        deliveredAt: Date?
    ) {
        self.eventId = eventId
        self.messageId = messageId
        self.status = status
        self.failureReason = failureReason
        self.attempts = attempts
        self.template = template
        self.templateVersion = templateVersion
        self.duplicate = duplicate
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}
