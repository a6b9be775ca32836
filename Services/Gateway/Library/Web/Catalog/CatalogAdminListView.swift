import MizPersian
import MizSchema

/// The administrators' list of services (`/kartabl/khadamat`): a GET form (words, state,
/// category), the services with their code, version and state, and the pages.
package struct CatalogAdminListView: Sendable {
    /// One service of the list.
    package struct Row: Sendable {
        package var title: String
        package var code: String
        package var editLink: String
        package var version: String
        package var category: String
        package var isActive: Bool
    }

    /// One choice of a filter.
    package struct Option: Sendable {
        package var value: String
        package var title: String
        package var isSelected: Bool
    }

    package var searchText: String
    package var statusOptions: [Option]
    package var categoryOptions: [Option]
    package var rows: [Row]
    package var hasRows: Bool
    /// «۳۴ خدمت».
    package var countText: String
    package var pagination: PaginationView?
    package var notice: String?
    package var problem: String?
    /// The CSRF token of the logout form.
    package var csrf = ""

    /// The list of `results` for the filters asked.
    package init(
        results: CatalogSearchResults, parameters: CatalogStaffListParameters, searchText: String,
        categories: [CatalogCategory]
    ) {
        self.searchText = searchText
        let status = parameters.status
        statusOptions = [
            Option(value: "all", title: "همه", isSelected: status == .all),
            Option(value: "active", title: "فعال", isSelected: status == .active),
            Option(value: "inactive", title: "غیرفعال", isSelected: status == .inactive),
        ]
        let category = parameters.search.category
        categoryOptions =
            [Option(value: "", title: "همه دسته‌ها", isSelected: category == nil)]
            + categories.map { Option(value: $0.key, title: $0.title, isSelected: $0.key == category) }
        let titles = Dictionary(categories.map { ($0.key, $0.title) }, uniquingKeysWith: { first, _ in first })
        rows = results.items.map { item in
            Row(
                title: WebFormat.text(item.title), code: item.code,
                editLink: CatalogAdminPages.editPath(item.code), version: WebFormat.number(item.version),
                category: titles[item.category] ?? item.category, isActive: item.active)
        }
        hasRows = !rows.isEmpty
        countText = WebFormat.count(results.total, "خدمت")
        pagination = PaginationView(page: results.page, pageCount: results.pageCount) { number in
            let pairs: [(String, String?)] = [
                ("q", searchText), ("status", status == .all ? nil : status.rawValue), ("category", category),
                ("page", String(number)),
            ]
            return WebLinks.with(CatalogAdminPages.listPath, pairs)
        }
    }
}
