/// A category as the catalog stores it: key and title, in the catalog's order.
///
/// The wire type `CatalogCategory` adds the count of active services, which the catalog
/// works out when asked.
package struct CategoryDefinition: Codable, Sendable, Equatable {
    /// A stable key, such as `rangeland`.
    package var key: String
    /// The Persian title, such as «مرتع».
    package var title: String

    /// Makes a category.
    package init(key: String, title: String) {
        self.key = key
        self.title = title
    }
}
