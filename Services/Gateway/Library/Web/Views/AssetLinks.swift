/// The addresses of the static files the layout links to, each with its content hash as
/// `?v=`, so browsers may keep them for a year and still fetch a new version at once.
package struct AssetLinks: Sendable, Equatable {
    package var stylesheet: String
    package var script: String
    package var icon: String
    /// The icon an iPhone puts on its home screen (the full-bleed drawing; iOS rounds it).
    package var appleTouchIcon: String
    package var fontRegular: String
    package var fontBold: String

    /// Makes the links from the assets as loaded.
    package init(assets: WebAssets) {
        stylesheet = assets.versionedPath("app.css")
        script = assets.versionedPath("app.js")
        icon = assets.versionedPath("favicon.svg")
        appleTouchIcon = assets.versionedPath("icons/apple-touch-icon.png")
        fontRegular = assets.versionedPath("fonts/NotoSansArabic-Regular.woff2")
        fontBold = assets.versionedPath("fonts/NotoSansArabic-Bold.woff2")
    }

    /// Every address above: the files a page cannot be drawn without, which the service
    /// worker keeps for the offline page.
    package var all: [String] {
        [stylesheet, script, icon, appleTouchIcon, fontRegular, fontBold]
    }
}
