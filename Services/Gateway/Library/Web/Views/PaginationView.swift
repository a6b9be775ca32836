/// The page links under a list: previous, numbers (with gaps when there are many) and next.
package struct PaginationView: Sendable {
    /// One entry: a page number linked, the current page, or a gap.
    package struct Entry: Sendable {
        package var label: String
        package var link: String?
        package var isCurrent: Bool
        package var isGap: Bool
    }

    package var entries: [Entry]
    package var previousLink: String?
    package var nextLink: String?
    /// «صفحه ۲ از ۴».
    package var position: String

    /// The links of `page` among `pageCount` pages, each made by `link`; nil for one page.
    package init?(page: Int, pageCount: Int, link: (Int) -> String) {
        guard pageCount > 1 else { return nil }
        let current = min(max(page, 1), pageCount)
        var shown: [Int] = []
        for candidate in 1...pageCount
        where candidate == 1 || candidate == pageCount || abs(candidate - current) <= 1 {
            shown.append(candidate)
        }
        var entries: [Entry] = []
        var previous = 0
        for number in shown {
            if number - previous > 1 { entries.append(Entry(label: "…", link: nil, isCurrent: false, isGap: true)) }
            entries.append(
                Entry(
                    label: WebFormat.number(number), link: number == page ? nil : link(number),
                    isCurrent: number == page,
                    isGap: false))
            previous = number
        }
        self.entries = entries
        previousLink = page > 1 ? link(min(page - 1, pageCount)) : nil
        nextLink = page < pageCount ? link(page + 1) : nil
        position = "صفحه \(WebFormat.number(page)) از \(WebFormat.number(pageCount))"
    }
}
