import Foundation

/// One stored message: the reply of `feedback.messageSubmit` (its confirmation) and an item
/// of the staff's message inbox.
public struct FeedbackMessage: Codable, Sendable, Equatable {
    /// The message's number, e.g. "7K2P-9QXM", shown as its confirmation.
    public var messageNumber: String
    public var kind: MessageKind
    public var serviceCode: String?
    public var province: String?
    /// The contact mobile in canonical form; only staff see it, the sender's reply masks it.
    public var contactMobile: String?
    /// The text, normalized.
    public var text: String
    public var status: MessageStatus
    public var createdAt: Date
    public var closedAt: Date?

    /// Makes the message.
    public init(
        messageNumber: String, kind: MessageKind, serviceCode: String?, province: String?, contactMobile: String?,
        text: String, status: MessageStatus, createdAt: Date, closedAt: Date?
    ) {
        self.messageNumber = messageNumber
        self.kind = kind
        self.serviceCode = serviceCode
        self.province = province
        self.contactMobile = contactMobile
        self.text = text
        self.status = status
        self.createdAt = createdAt
        self.closedAt = closedAt
    }
}
