import MizSchema

/// The search form above a list: a GET form that works without JavaScript; the script reads
/// `fragmentLink` to refresh the list as the visitor types.
package struct SearchFormView: Sendable {
    /// One choice of the category list.
    package struct CategoryOption: Sendable {
        package var key: String
        package var title: String
        package var selected: Bool
    }

    /// The page the form submits to: `/` or the province's desk.
    package var action: String
    package var searchText: String
    package var categories: [CategoryOption]
    /// The fragment route with the province filled in, without the typed words.
    package var fragmentLink: String
    /// The list page's address without query, which the script keeps in the address bar.
    package var pageLink: String
    /// The label of the search box, naming the province's desk when there is one.
    package var label: String

    /// Makes the form for a list page.
    package init(searchText: String, category: String?, categories: [CatalogCategory], province: ProvinceContext?) {
        action = WebLinks.listPage(province: province?.slug)
        pageLink = action
        self.searchText = searchText
        self.categories = categories.map {
            CategoryOption(
                key: $0.key, title: "\(WebFormat.text($0.title)) (\(WebFormat.number($0.serviceCount)))",
                selected: $0.key == category)
        }
        fragmentLink = WebLinks.with("/_fragments/services", [("ostan", province?.slug)])
        label = province.map { "جستجو در خدمات میز استان \($0.name)" } ?? "جستجو در خدمات"
    }
}
