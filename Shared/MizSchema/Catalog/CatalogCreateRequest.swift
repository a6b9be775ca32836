/// The request of `catalog.create` (administrators only): a new service, stored as version 1
/// and active. Its code must not exist yet.
public struct CatalogCreateRequest: Codable, Sendable, Equatable {
    /// The new service's content; its code must be unused.
    public var profile: ServiceProfileDraft

    /// Makes the request.
    public init(profile: ServiceProfileDraft) {
        self.profile = profile
    }
}
