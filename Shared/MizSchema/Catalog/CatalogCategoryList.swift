/// The reply of `catalog.categories`: the categories in the catalog's order.
public struct CatalogCategoryList: Codable, Sendable, Equatable {
    /// The categories, in order.
    public var categories: [CatalogCategory]

    /// Makes the reply.
    public init(categories: [CatalogCategory]) {
        self.categories = categories
    }
}
