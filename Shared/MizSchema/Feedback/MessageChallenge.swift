import Foundation

/// A question a person answers without JavaScript: a small sum in Persian words and digits,
/// with a signed token that lets the service check the answer without storing the question.
public struct MessageChallenge: Codable, Sendable, Equatable {
    /// The question, e.g. «حاصل ۷ به‌علاوهٔ ۵ چند می‌شود؟».
    public var question: String
    /// The opaque signed token to send back with the answer.
    public var token: String
    /// Until when the token is accepted.
    public var expiresAt: Date

    /// Makes the challenge.
    public init(question: String, token: String, expiresAt: Date) {
        self.question = question
        self.token = token
        self.expiresAt = expiresAt
    }
}
