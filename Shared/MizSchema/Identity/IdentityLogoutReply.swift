/// The reply of `identity.logout`.
public struct IdentityLogoutReply: Codable, Sendable, Equatable {
    /// The id of the session now revoked.
    public var sessionId: String

    /// Makes the reply.
    public init(sessionId: String) {
        self.sessionId = sessionId
    }
}
