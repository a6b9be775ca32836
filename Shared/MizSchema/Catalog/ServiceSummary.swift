/// A service as a list or search result shows it: enough for a card that links to the
/// full profile, with the words the query matched marked in the title and summary.
public struct ServiceSummary: Codable, Sendable, Equatable {
    /// The service code, for the link to its profile.
    public var code: String
    /// The title, unmarked.
    public var title: String
    /// The summary, unmarked.
    public var summary: String
    /// The key of the service's category.
    public var category: String
    /// Where the service is offered.
    public var provinces: ProvinceAvailability
    /// The current version of the profile.
    public var version: Int
    /// The time to deliver, in working days.
    public var processingDays: Int
    /// Whether citizens may ask for it; false appears only in staff lists.
    public var active: Bool
    /// The title in segments, the matched words marked; one unmarked segment without a query.
    public var titleHighlight: [HighlightSegment]
    /// The summary in segments, the matched words marked.
    public var summaryHighlight: [HighlightSegment]

    /// Makes a summary.
    public init(
        code: String,
        title: String,
        summary: String,
        category: String,
        provinces: ProvinceAvailability,
        version: Int,
        processingDays: Int,
        active: Bool,
        titleHighlight: [HighlightSegment],
        summaryHighlight: [HighlightSegment]
    ) {
        self.code = code
        self.title = title
        self.summary = summary
        self.category = category
        self.provinces = provinces
        self.version = version
        self.processingDays = processingDays
        self.active = active
        self.titleHighlight = titleHighlight
        self.summaryHighlight = summaryHighlight
    }
}
