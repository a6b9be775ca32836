/// What the layout of every page needs: the title, the description, which part of the site
/// the page belongs to (for `aria-current` in the navigation), who is looking (for the
/// header's login or panel link) and the colour the phone paints its browser bar with.
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
    /// Nobody is logged in: the header offers «ورود به سامانه».
    package var isAnonymous: Bool
    /// A citizen is logged in: the header offers «پنل کاربری».
    package var isCitizen: Bool
    /// A staff member is logged in: the header offers «کارتابل».
    package var isStaff: Bool
    /// The `theme-color` of the page, the same as the web app manifest's.
    package var themeColor: String
    /// The versioned addresses of the stylesheet, script, icons and fonts.
    package var assets: AssetLinks

    /// Makes the metadata of a page for `visitor` (by default, the current request's).
    package init(
        title: String, description: String, section: Section, assets: AssetLinks, themeColor: String,
        visitor: PageVisitor = .current
    ) {
        self.title = title
        self.description = description
        self.isHome = section == .home
        self.isFAQ = section == .faq
        self.isGuide = section == .guide
        self.isAnonymous = visitor == .anonymous
        self.isCitizen = visitor == .citizen
        self.isStaff = visitor == .staff
        self.themeColor = themeColor
        self.assets = assets
    }
}
