import MizSchema

/// The body of `GET /api/v1/services`: one page of services, best match first (or in title
/// order without `q`), with what a client needs to draw the pager.
///
/// It is the catalog's `CatalogSearchResults` plus `pageCount`, so the API's shape is its
/// own and stays put if the bus reply grows.
package struct ServiceSearchPage: Codable, Sendable, Equatable {
    /// The services of this page.
    package var items: [ServiceSummary]
    /// How many services matched, over all pages.
    package var total: Int
    /// This page, from 1.
    package var page: Int
    /// Results per page.
    package var pageSize: Int
    /// The number of pages, at least 1.
    package var pageCount: Int

    /// The page of the catalog's results.
    package init(_ results: CatalogSearchResults) {
        items = results.items
        total = results.total
        page = results.page
        pageSize = results.pageSize
        pageCount = results.pageCount
    }
}
