import MizPersian

/// The province a page belongs to, when the visitor came through its desk.
package struct ProvinceContext: Sendable, Equatable {
    package var slug: String
    package var name: String
    package var capital: String
    package var link: String

    /// The context of a province.
    package init(_ province: Province) {
        slug = province.slug
        name = province.persianName
        capital = province.persianCapitalName
        link = WebLinks.province(province.slug)
    }
}
