/// The request of `identity.staffResetPassword`: a new password for an account. Every open
/// session of that account is revoked.
public struct IdentityStaffPasswordRequest: Codable, Sendable, Equatable {
    /// The account's user name.
    public var username: String
    /// The new password, at least 10 characters.
    public var password: String

    /// Makes the request.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
