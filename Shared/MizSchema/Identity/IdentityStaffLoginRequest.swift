/// The request of `identity.staffLogin`: an official's or administrator's user name and
/// password. The password travels only inside the CURVE-encrypted bus and is never logged.
public struct IdentityStaffLoginRequest: Codable, Sendable, Equatable {
    /// The user name, compared case-insensitively.
    public var username: String
    /// The password.
    public var password: String

    /// Makes the request.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
