/// The request of `identity.session` and `identity.logout`: a session token.
public struct IdentitySessionRequest: Codable, Sendable, Equatable {
    /// The token as the client sent it.
    public var token: String

    /// Makes the request.
    public init(token: String) {
        self.token = token
    }
}
