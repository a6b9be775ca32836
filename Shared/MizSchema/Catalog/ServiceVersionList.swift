/// The reply of `catalog.versions`: every version of a service's profile, newest first.
public struct ServiceVersionList: Codable, Sendable, Equatable {
    /// The service code.
    public var code: String
    /// The current version (the first of `versions`).
    public var currentVersion: Int
    /// Every version, newest first.
    public var versions: [ServiceVersionSummary]

    /// Makes the reply.
    public init(code: String, currentVersion: Int, versions: [ServiceVersionSummary]) {
        self.code = code
        self.currentVersion = currentVersion
        self.versions = versions
    }
}
