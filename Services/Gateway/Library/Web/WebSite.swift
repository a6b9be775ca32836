import Foundation

/// Everything the pages are made from, loaded once at start: templates, static files, the map
/// of Iran (as rendered SVG) and the links to the versioned assets.
package struct WebSite: Sendable {
    package let templates: WebTemplates
    package let assets: WebAssets
    package let map: IranMap
    /// The map as inline SVG, rendered once from the `iran-map` template.
    package let mapSVG: String
    package let assetLinks: AssetLinks
    /// The manifest, service worker and offline page that make the desk installable.
    package let app: WebAppFiles

    /// Loads the site from a resources folder holding `templates/`, `assets/` and
    /// `iran-provinces.geojson`.
    package init(resources: URL) throws {
        templates = try WebTemplates(folder: resources.appendingPathComponent("templates"))
        assets = try WebAssets(folder: resources.appendingPathComponent("assets"))
        map = try IranMap(geoJSON: try Data(contentsOf: resources.appendingPathComponent("iran-provinces.geojson")))
        mapSVG = try templates.render(map, template: "iran-map")
        assetLinks = AssetLinks(assets: assets)
        app = try WebAppFiles(templates: templates, assets: assets, assetLinks: assetLinks)
    }

    /// Loads the site from the gateway's bundled resources.
    package static func bundled() throws -> WebSite {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return try WebSite(resources: url)
    }

    /// The metadata of a page of this site, for the current request's visitor.
    package func meta(title: String, description: String, section: PageMeta.Section) -> PageMeta {
        PageMeta(
            title: title, description: description, section: section, assets: assetLinks,
            themeColor: app.colours.theme)
    }
}
