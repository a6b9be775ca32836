import Foundation

/// A staff account as the identity service shows it: never its password or hash.
public struct StaffAccount: Codable, Sendable, Equatable {
    /// The account's id, which travels as `Caller.staffId`.
    public var id: String
    /// The user name (lower case).
    public var username: String
    /// The name shown on pages, in Persian.
    public var displayName: String
    /// Official (کارشناس استان) or national administrator.
    public var role: StaffRole
    /// Province slugs an official works for; empty for an administrator.
    public var provinces: [String]
    /// When the account was made.
    public var createdAt: Date

    /// Makes the account.
    public init(
        id: String, username: String, displayName: String, role: StaffRole, provinces: [String], createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.provinces = provinces
        self.createdAt = createdAt
    }
}
