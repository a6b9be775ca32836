import Foundation

/// The reply of `notifier.devInbox`: the latest messages with their full text, for developers
/// trying the desk locally (the login code is read here instead of on a phone).
public struct NotifierDevInbox: Codable, Sendable, Equatable {
    /// One message as the development inbox shows it.
    public struct Message: Codable, Sendable, Equatable {
        /// The notifier's id of the message.
        public var messageId: Int64
        /// The event it was sent for.
        public var eventId: String
        /// The recipient in canonical form "09…" (development data only).
        public var recipient: String
        /// The template it was rendered from.
        public var template: NotificationKind
        /// The rendered Persian text.
        public var text: String
        /// The delivery state.
        public var status: DeliveryStatus
        /// Why it failed, when it did.
        public var failureReason: DeliveryFailureReason?
        /// When it was queued.
        public var createdAt: Date

        /// Makes the entry.
        public init(
            messageId: Int64, eventId: String, recipient: String, template: NotificationKind, text: String,
            status: DeliveryStatus, failureReason: DeliveryFailureReason?, createdAt: Date
        ) {
            self.messageId = messageId
            self.eventId = eventId
            self.recipient = recipient
            self.template = template
            self.text = text
            self.status = status
            self.failureReason = failureReason
            self.createdAt = createdAt
        }
    }

    /// The messages, newest first.
    public var messages: [Message]

    /// Makes the reply.
    public init(messages: [Message]) {
        self.messages = messages
    }
}
