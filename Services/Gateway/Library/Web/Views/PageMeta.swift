/// What the layout of every page needs: the title, the description and which part of the
/// site the page belongs to (for `aria-current` in the navigation).
package struct PageMeta: Sendable {
    /// Which entry of the main navigation a page belongs to.
    package enum Section: Sendable {
        case home, faq, guide, other
    }

    /// The page's own title, before the site's name.
    package var title: String
    /// The page's summary, for search engines and link previews.
    package var description: String
    package var isHome: Bool
    package var isFAQ: Bool
    package var isGuide: Bool
    /// The versioned addresses of the stylesheet, script, icon and fonts.
    package var assets: AssetLinks

    /// Makes the metadata of a page.
    package init(title: String, description: String, section: Section, assets: AssetLinks) {
        self.title = title
        self.description = description
        self.isHome = section == .home
        self.isFAQ = section == .faq
        self.isGuide = section == .guide
        self.assets = assets
    }
}
