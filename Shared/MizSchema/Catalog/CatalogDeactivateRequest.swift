/// The request of `catalog.deactivate` (administrators only): hides a service from lists and
/// search and stops new requests for it, by storing a new, inactive version.
public struct CatalogDeactivateRequest: Codable, Sendable, Equatable {
    /// The service to deactivate.
    public var code: String
    /// As in `CatalogEditRequest`: the version the administrator saw, or nil.
    public var baseVersion: Int?

    /// Makes the request.
    public init(code: String, baseVersion: Int? = nil) {
        self.code = code
        self.baseVersion = baseVersion
    }
}
