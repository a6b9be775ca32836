/// One SMS as a provider receives it.
package struct OutgoingSMS: Sendable, Equatable {
    /// The notifier's id of the message.
    package var messageId: Int64
    /// The event id, passed on as the provider's reference so a provider that de-duplicates
    /// can drop a resend after a crash.
    package var eventId: String
    /// Canonical "09…".
    package var recipient: String
    /// The Persian text.
    package var text: String

    /// Makes an SMS.
    package init(messageId: Int64, eventId: String, recipient: String, text: String) {
        self.messageId = messageId
        self.eventId = eventId
        self.recipient = recipient
        self.text = text
    }
}
