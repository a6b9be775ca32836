/// The request of `feedback.messageChallenge`: asks for a question to answer when the
/// sender's address has sent too many messages. It has no fields.
public struct MessageChallengeRequest: Codable, Sendable, Equatable {
    /// Makes the request.
    public init() {}
}
