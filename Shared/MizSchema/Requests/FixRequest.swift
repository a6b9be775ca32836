import Foundation

/// What an official asked the citizen to correct (رفع نقص): named fields, named documents and
/// a message.
public struct FixRequest: Codable, Sendable, Equatable {
    /// The form attribute codes to correct.
    public var fields: [String]
    /// The required document keys to upload again.
    public var documents: [String]
    /// What is wrong, in the official's words.
    public var message: String
    /// When it was asked.
    public var askedAt: Date
    /// When the citizen sent the corrections, if they have.
    public var answeredAt: Date?

    /// Makes a fix request.
    public init(fields: [String], documents: [String], message: String, askedAt: Date, answeredAt: Date?) {
        self.fields = fields
        self.documents = documents
        self.message = message
        self.askedAt = askedAt
        self.answeredAt = answeredAt
    }
}
