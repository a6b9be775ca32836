import MizSchema

/// A page of services found or listed, with what to say about them: how many matched (also
/// announced to screen readers), what to try when none did, and the page links.
package struct ServiceListView: Sendable {
    package var cards: [ServiceCardView]
    package var hasCards: Bool
    /// «۳۴ خدمت» or «۲ خدمت برای «مرتع»».
    package var status: String
    /// The words searched, as typed, for the message when nothing matched.
    package var searchText: String?
    /// Set when the page number is past the last page.
    package var pastLastPage: Bool
    package var firstPageLink: String
    package var pagination: PaginationView?

    /// Makes the list of one page of results.
    ///
    /// - Parameters:
    ///   - link: the address of another page of the same results.
    package init(
        results: CatalogSearchResults, searchText: String, categories: [CatalogCategory], province: String?,
        link: @escaping (Int) -> String
    ) {
        let titles = Dictionary(
            categories.map { ($0.key, WebFormat.text($0.title)) }, uniquingKeysWith: { first, _ in first })
        cards = results.items.map {
            ServiceCardView(summary: $0, categoryTitle: titles[$0.category], province: province)
        }
        hasCards = !cards.isEmpty
        self.searchText = searchText.isEmpty ? nil : searchText
        let found = WebFormat.count(results.total, "خدمت")
        if searchText.isEmpty {
            status = results.total == 0 ? "خدمتی یافت نشد." : "\(found) در فهرست"
        } else {
            status =
                results.total == 0 ? "خدمتی برای «\(searchText)» یافت نشد." : "\(found) برای «\(searchText)» یافت شد"
        }
        pastLastPage = results.items.isEmpty && results.total > 0
        firstPageLink = link(1)
        pagination = PaginationView(page: results.page, pageCount: results.pageCount, link: link)
    }
}
