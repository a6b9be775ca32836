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
    /// False once an administrator disabled the account: it cannot log in and its sessions
    /// ended. Missing on the wire (older replies) reads as true.
    public var enabled: Bool

    /// Makes the account.
    public init(
        id: String, username: String, displayName: String, role: StaffRole, provinces: [String], createdAt: Date,
        enabled: Bool = true
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.provinces = provinces
        self.createdAt = createdAt
        self.enabled = enabled
    }

    private enum CodingKeys: String, CodingKey {
        case id, username, displayName, role, provinces, createdAt, enabled
    }

    /// Reads an account; `enabled` defaults to true when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        username = try container.decode(String.self, forKey: .username)
        displayName = try container.decode(String.self, forKey: .displayName)
        role = try container.decode(StaffRole.self, forKey: .role)
        provinces = try container.decode([String].self, forKey: .provinces)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
    }
}
