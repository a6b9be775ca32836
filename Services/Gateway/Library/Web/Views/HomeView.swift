/// The home page: the map and list of provinces, the search form and the services.
package struct HomeView: Sendable {
    /// The map's SVG, rendered once at start from the map template (trusted markup).
    package var mapSVG: String
    package var provinces: [ProvinceLinkView]
    package var search: SearchFormView
    package var list: ServiceListView
}
