/// A group of services, such as «مرتع» (rangeland), used to browse and filter the catalog.
public struct CatalogCategory: Codable, Sendable, Equatable {
    /// A stable key, such as `rangeland`; a profile's `category` names it.
    public var key: String
    /// The Persian title.
    public var title: String
    /// The active services in the category.
    public var serviceCount: Int

    /// Makes a category with its count.
    public init(key: String, title: String, serviceCount: Int) {
        self.key = key
        self.title = title
        self.serviceCount = serviceCount
    }
}
