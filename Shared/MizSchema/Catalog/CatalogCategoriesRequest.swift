/// The request of `catalog.categories`; it has no fields.
public struct CatalogCategoriesRequest: Codable, Sendable, Equatable {
    /// Makes the request.
    public init() {}
}
