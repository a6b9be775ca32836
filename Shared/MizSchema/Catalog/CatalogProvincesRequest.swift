/// The request of `catalog.provinces`; it has no fields.
public struct CatalogProvincesRequest: Codable, Sendable, Equatable {
    /// Makes the request.
    public init() {}
}
