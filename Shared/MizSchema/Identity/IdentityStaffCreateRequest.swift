/// The request of `identity.staffCreate`: a new official or administrator.
public struct IdentityStaffCreateRequest: Codable, Sendable, Equatable {
    /// The user name: 3–32 Latin letters, digits, `.`, `_` or `-`; stored in lower case.
    public var username: String
    /// The name shown on pages.
    public var displayName: String
    /// Official or administrator.
    public var role: StaffRole
    /// Province slugs (MizPersian's list) for an official, at least one; empty for an administrator.
    public var provinces: [String]
    /// The first password, at least 10 characters.
    public var password: String

    /// Makes the request.
    public init(username: String, displayName: String, role: StaffRole, provinces: [String], password: String) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.provinces = provinces
        self.password = password
    }
}
