/// The request of `catalog.reactivate` (administrators only): offers a deactivated service
/// again, by storing a new, active version with the same content.
///
/// The counterpart of `CatalogDeactivateRequest`, so bringing a service back needs no copy
/// of its whole card (an edit with `active: true` does the same while changing the content).
public struct CatalogReactivateRequest: Codable, Sendable, Equatable {
    /// The service to offer again.
    public var code: String
    /// As in `CatalogEditRequest`: the version the administrator saw, or nil.
    public var baseVersion: Int?

    /// Makes the request.
    public init(code: String, baseVersion: Int? = nil) {
        self.code = code
        self.baseVersion = baseVersion
    }
}
