import Foundation

/// One stored version of a service's profile, as the list of versions names it; the whole
/// card of a version is `catalog.profile` with its number.
public struct ServiceVersionSummary: Codable, Sendable, Equatable {
    /// The version, from 1.
    public var version: Int
    /// The service's title in this version.
    public var title: String
    /// Whether citizens could find and ask for the service under this version.
    public var active: Bool
    /// When this version was stored (UTC, whole seconds).
    public var updatedAt: Date

    /// Makes the summary.
    public init(version: Int, title: String, active: Bool, updatedAt: Date) {
        self.version = version
        self.title = title
        self.active = active
        self.updatedAt = updatedAt
    }

    /// The summary of a stored profile.
    public init(_ profile: ServiceProfile) {
        self.init(version: profile.version, title: profile.title, active: profile.active, updatedAt: profile.updatedAt)
    }
}
