import MizPersian
import MizSchema

/// A province in the plain list beside the map: its name, capital and how many services its
/// desk offers.
package struct ProvinceLinkView: Sendable {
    package var slug: String
    package var name: String
    package var link: String
    /// «۳۴ خدمت».
    package var serviceCount: String
    package var capital: String

    /// Makes the entry of a province from the catalog's count.
    package init(info: ProvinceInfo) {
        slug = info.slug
        name = info.persianName
        link = WebLinks.province(info.slug)
        serviceCount = WebFormat.count(info.serviceCount, "خدمت")
        capital = info.capital
    }

    /// The provinces in Persian alphabetical order.
    package static func list(_ provinces: [ProvinceInfo]) -> [ProvinceLinkView] {
        provinces.map(ProvinceLinkView.init).sorted { PersianCollation.precedes($0.name, $1.name) }
    }
}
