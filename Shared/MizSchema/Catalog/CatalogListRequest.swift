/// The request of `catalog.list`: the services of the catalog in title order, filtered and
/// paginated like a search without words.
public struct CatalogListRequest: Codable, Sendable, Equatable {
    /// Only services offered in this province (its slug).
    public var province: String?
    /// Only services of this category (its key).
    public var category: String?
    /// The page, from 1.
    public var page: Int
    /// Results per page, 1 to `CatalogSearchQuery.maximumPageSize`.
    public var pageSize: Int
    /// Also list deactivated services; staff only, for the administration pages.
    public var includeInactive: Bool

    /// Makes a request; by default the first page of active services.
    public init(
        province: String? = nil,
        category: String? = nil,
        page: Int = 1,
        pageSize: Int = CatalogSearchQuery.defaultPageSize,
        includeInactive: Bool = false
    ) {
        self.province = province
        self.category = category
        self.page = page
        self.pageSize = pageSize
        self.includeInactive = includeInactive
    }

    private enum CodingKeys: String, CodingKey {
        case province, category, page, pageSize, includeInactive
    }

    /// Decodes a request, taking the defaults for missing `page`, `pageSize` and `includeInactive`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        province = try container.decodeIfPresent(String.self, forKey: .province)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 1
        pageSize =
            try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? CatalogSearchQuery.defaultPageSize
        includeInactive = try container.decodeIfPresent(Bool.self, forKey: .includeInactive) ?? false
    }
}
