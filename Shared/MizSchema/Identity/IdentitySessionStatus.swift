import Foundation

/// The reply of `identity.session`: the caller a valid, unexpired, unrevoked token stands
/// for, with a staff member's current role and provinces.
public struct IdentitySessionStatus: Codable, Sendable, Equatable {
    /// The session's id.
    public var sessionId: String
    /// Who the session stands for; the gateway adds the client address before passing it on.
    public var caller: Caller
    /// A name to show: the staff member's display name, or nil for a citizen.
    public var displayName: String?
    /// When the session ends on its own.
    public var expiresAt: Date
    /// A citizen's mobile number ("09…"), the one their login code was sent to, so proven
    /// theirs; nil for staff and for sessions older than this field. Pages prefill it.
    public var mobile: String?

    /// Makes the reply.
    public init(sessionId: String, caller: Caller, displayName: String?, expiresAt: Date, mobile: String? = nil) {
        self.sessionId = sessionId
        self.caller = caller
        self.displayName = displayName
        self.expiresAt = expiresAt
        self.mobile = mobile
    }
}
