/// The request of `catalog.search`: what a citizen typed, with optional filters and a page.
///
/// Missing `page` and `pageSize` mean the first page of `defaultPageSize` results. The text
/// may be empty (then every active service matches) and at most `maximumTextLength`
/// characters.
public struct CatalogSearchQuery: Codable, Sendable, Equatable {
    /// The results per page when none is asked for.
    public static let defaultPageSize = 10
    /// The most results one page may hold.
    public static let maximumPageSize = 50
    /// The longest text accepted, in characters.
    public static let maximumTextLength = 200

    /// The words to find, in any order; the last may be unfinished.
    public var text: String
    /// Only services offered in this province (its slug, such as `tehran`).
    public var province: String?
    /// Only services of this category (its key, such as `rangeland`).
    public var category: String?
    /// The page, from 1.
    public var page: Int
    /// Results per page, 1 to `maximumPageSize`.
    public var pageSize: Int

    /// Makes a query; by default the first page.
    public init(
        text: String,
        province: String? = nil,
        category: String? = nil,
        page: Int = 1,
        pageSize: Int = CatalogSearchQuery.defaultPageSize
    ) {
        self.text = text
        self.province = province
        self.category = category
        self.page = page
        self.pageSize = pageSize
    }

    private enum CodingKeys: String, CodingKey {
        case text, province, category, page, pageSize
    }

    /// Decodes a query, taking the defaults for missing `text`, `page` and `pageSize`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decodeIfPresent(String.self, forKey: .text) ?? ""
        province = try container.decodeIfPresent(String.self, forKey: .province)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 1
        pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? Self.defaultPageSize
    }
}
