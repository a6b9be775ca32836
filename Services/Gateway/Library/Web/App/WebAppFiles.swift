import Foundation
import HTTPTypes
import NIOCore

/// The files that make the desk installable from a phone's browser, made once at start from
/// the templates and assets: the manifest, the service worker, and the offline page the
/// worker keeps.
package struct WebAppFiles: Sendable {
    package let colours: SiteColours
    package let manifest: WebAppManifest
    /// `/manifest.webmanifest`: revalidated on each use, as it names the icons' versions.
    package let manifestDocument: WebDocument
    package let rules: ServiceWorkerRules
    /// `/sw.js`: never cached long, so a new deployment's worker is found at the next visit.
    package let serviceWorker: WebDocument
    /// The offline page, rendered for nobody logged in: the worker fetches it without cookies.
    package let offlinePage: String

    /// Makes the files from the site's templates and assets.
    init(templates: WebTemplates, assets: WebAssets, assetLinks: AssetLinks) throws {
        guard let stylesheet = assets.files["app.css"] else { throw CocoaError(.fileReadNoSuchFile) }
        colours = try SiteColours(stylesheet: String(buffer: stylesheet.bytes))
        manifest = WebAppManifest(assets: assets, colours: colours)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        manifestDocument = WebDocument(
            text: String(decoding: try encoder.encode(manifest), as: UTF8.self),
            contentType: "application/manifest+json", cacheControl: "no-cache")
        let meta = PageMeta(
            title: Self.offlineTitle, description: Self.offlineTitle, section: .other, assets: assetLinks,
            themeColor: colours.theme, visitor: .anonymous)
        offlinePage = try templates.render(Page(meta: meta, content: [String: String]()), template: "offline")
        rules = ServiceWorkerRules(
            assets: assetLinks.all, offlineVersion: String(FNV1a64.hexDigest(offlinePage.utf8).prefix(12)))
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let script = try templates.render(
            ["rules": String(decoding: try encoder.encode(rules), as: UTF8.self)], template: "service-worker")
        serviceWorker = WebDocument(
            text: script, contentType: "text/javascript; charset=utf-8", cacheControl: "no-cache",
            extraHeaders: [WebResponse.contentSecurityPolicy: WebResponse.policy])
    }

    /// The offline page's title.
    static let offlineTitle = "اتصال به اینترنت برقرار نیست"
}
