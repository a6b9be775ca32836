/// The web app manifest (`/manifest.webmanifest`) that lets a phone's browser install the
/// desk as an app: its Persian name, right to left, opening at the home page in a window of
/// its own, in the stylesheet's colours, with icons drawn for the desk (`assets/icons/`,
/// rendered from their SVGs by `deploy/make-app-icons.sh`).
package struct WebAppManifest: Codable, Sendable, Equatable {
    /// One icon of the manifest.
    package struct Icon: Codable, Sendable, Equatable {
        /// The versioned address of the file.
        package var src: String
        /// Its pixels, as `192x192`.
        package var sizes: String
        /// Its media type.
        package var type: String
        /// `any` (drawn with its own corners) or `maskable` (full bleed, for Android to crop).
        package var purpose: String
    }

    /// The name shown when installing and on the splash screen.
    package static let appName = "میز خدمت الکترونیکی منابع طبیعی و آبخیزداری"
    /// The name under the icon on the home screen.
    package static let appShortName = "میز خدمت"

    package var id: String
    package var name: String
    package var shortName: String
    package var description: String
    package var lang: String
    package var dir: String
    package var startURL: String
    package var scope: String
    package var display: String
    package var themeColor: String
    package var backgroundColor: String
    package var categories: [String]
    package var icons: [Icon]

    enum CodingKeys: String, CodingKey {
        case id, name, description, lang, dir, scope, display, categories, icons
        case shortName = "short_name"
        case startURL = "start_url"
        case themeColor = "theme_color"
        case backgroundColor = "background_color"
    }

    /// The desk's manifest, with the icons' versioned addresses and the stylesheet's colours.
    package init(assets: WebAssets, colours: SiteColours) {
        id = "/"
        name = Self.appName
        shortName = Self.appShortName
        description =
            "درخواست، پیگیری و دریافت نتیجهٔ خدمات سازمان منابع طبیعی و آبخیزداری کشور، بدون مراجعهٔ حضوری."
        lang = "fa"
        dir = "rtl"
        startURL = "/"
        scope = "/"
        display = "standalone"
        themeColor = colours.theme
        backgroundColor = colours.background
        categories = ["government"]
        icons = [
            Icon(src: assets.versionedPath("icons/icon-192.png"), sizes: "192x192", type: "image/png", purpose: "any"),
            Icon(src: assets.versionedPath("icons/icon-512.png"), sizes: "512x512", type: "image/png", purpose: "any"),
            Icon(
                src: assets.versionedPath("icons/icon-maskable-512.png"), sizes: "512x512", type: "image/png",
                purpose: "maskable"),
        ]
    }
}
