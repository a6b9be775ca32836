import MizSchema

/// One service's box in a list: its title and summary with the matched words marked, and
/// links to its profile (شناسنامه) and to its "how to apply" section.
package struct ServiceCardView: Sendable {
    package var code: String
    /// The plain title, for the links' hidden context.
    package var title: String
    package var titlePieces: [HighlightView]
    package var summaryPieces: [HighlightView]
    package var categoryTitle: String?
    package var processingTime: String
    package var profileLink: String
    package var requestLink: String
    /// The id of the title's heading, which names the box.
    package var headingId: String

    /// Makes the box of a result; `province` is carried in both links.
    package init(summary: ServiceSummary, categoryTitle: String?, province: String?) {
        code = summary.code
        title = WebFormat.text(summary.title)
        titlePieces = HighlightView.pieces(summary.titleHighlight, fallback: summary.title)
        summaryPieces = HighlightView.pieces(summary.summaryHighlight, fallback: summary.summary)
        self.categoryTitle = categoryTitle
        processingTime = WebFormat.workingDays(summary.processingDays)
        profileLink = WebLinks.profile(summary.code, province: province)
        requestLink = WebLinks.request(summary.code, province: province)
        headingId = "service-\(summary.code)"
    }
}
