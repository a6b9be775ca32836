import Foundation

/// The reply of a successful login (`identity.loginVerify`, `identity.staffLogin`): a signed
/// session token and who it stands for.
///
/// The token is a secret: the gateway sets it as the `miz_session` cookie or hands it to an
/// API client, which sends it back as `Authorization: Bearer`. Nobody logs it.
public struct IdentitySession: Codable, Sendable, Equatable {
    /// The signed token: `v1.<payload>.<signature>`, base64url parts.
    public var token: String
    /// The session's id (also inside the token); not a secret.
    public var sessionId: String
    /// Who the session stands for, as it travels in envelopes.
    public var caller: Caller
    /// A name to show: the staff member's display name, or nil for a citizen.
    public var displayName: String?
    /// When the session ends on its own.
    public var expiresAt: Date

    /// Makes the reply.
    public init(token: String, sessionId: String, caller: Caller, displayName: String?, expiresAt: Date) {
        self.token = token
        self.sessionId = sessionId
        self.caller = caller
        self.displayName = displayName
        self.expiresAt = expiresAt
    }
}
