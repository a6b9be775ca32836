/// The reply of `catalog.search` and `catalog.list`: one page of results, best first, and
/// how many matched in all.
public struct CatalogSearchResults: Codable, Sendable, Equatable {
    /// This page's results.
    public var items: [ServiceSummary]
    /// How many services matched, over all pages.
    public var total: Int
    /// The page returned, from 1.
    public var page: Int
    /// The page size asked for.
    public var pageSize: Int

    /// Makes a page of results.
    public init(items: [ServiceSummary], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }

    /// The number of pages, at least 1.
    public var pageCount: Int { max(1, (total + pageSize - 1) / max(1, pageSize)) }
}
