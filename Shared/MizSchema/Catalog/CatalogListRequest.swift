/// The request of `catalog.list`: the services of the catalog in title order, filtered and
/// paginated like a search without words, or with words for the administrators' list, which
/// also finds deactivated services.
public struct CatalogListRequest: Codable, Sendable, Equatable {
    /// Words to find as `catalog.search` finds them (best match first); empty lists in title
    /// order. At most `CatalogSearchQuery.maximumTextLength` characters.
    public var text: String
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
    /// Only deactivated services; staff only. Implies `includeInactive`.
    public var onlyInactive: Bool

    /// Makes a request; by default the first page of active services.
    public init(
        text: String = "",
        province: String? = nil,
        category: String? = nil,
        page: Int = 1,
        pageSize: Int = CatalogSearchQuery.defaultPageSize,
        includeInactive: Bool = false,
        onlyInactive: Bool = false
    ) {
        self.text = text
        self.province = province
        self.category = category
        self.page = page
        self.pageSize = pageSize
        self.includeInactive = includeInactive
        self.onlyInactive = onlyInactive
    }

    private enum CodingKeys: String, CodingKey {
        case text, province, category, page, pageSize, includeInactive, onlyInactive
    }

    /// Decodes a request, taking the defaults for missing `text`, `page`, `pageSize`,
    /// `includeInactive` and `onlyInactive`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        province = try container.decodeIfPresent(String.self, forKey: .province)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 1
        pageSize =
            try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? CatalogSearchQuery.defaultPageSize
        includeInactive = try container.decodeIfPresent(Bool.self, forKey: .includeInactive) ?? false
        onlyInactive = try container.decodeIfPresent(Bool.self, forKey: .onlyInactive) ?? false
    }
}
