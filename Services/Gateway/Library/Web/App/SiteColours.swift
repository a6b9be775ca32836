/// The colours the phone paints around the pages and the installed app: the browser's bar
/// and the app's title bar (`--green`), and the splash screen while it opens (`--page`).
/// They are read from the stylesheet's custom properties, so the manifest and every page's
/// `theme-color` follow the stylesheet instead of repeating it.
package struct SiteColours: Sendable, Equatable {
    /// The theme colour, `--green` of the stylesheet.
    package var theme: String
    /// The background colour, `--page` of the stylesheet.
    package var background: String

    /// Reads the colours from the stylesheet's text.
    ///
    /// - Throws: `SiteColours.Missing` when the stylesheet does not define one of them as a
    ///   hexadecimal colour (a packaging error: the site does not load).
    package init(stylesheet: String) throws {
        theme = try Self.property("green", in: stylesheet)
        background = try Self.property("page", in: stylesheet)
    }

    /// A custom property the stylesheet lacks.
    package struct Missing: Error, Equatable {
        package var property: String
    }

    /// The first `--name: #rrggbb;` of the stylesheet.
    static func property(_ name: String, in stylesheet: String) throws -> String {
        let pattern = try Regex<(Substring, Substring)>("--\(name):\\s*(#[0-9a-fA-F]{6})\\s*;")
        guard let match = stylesheet.firstMatch(of: pattern) else { throw Missing(property: "--\(name)") }
        return String(match.output.1).lowercased()
    }
}
