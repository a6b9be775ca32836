import MizSchema

/// A piece of a search result's title or summary; `matched` pieces are shown in `<mark>`.
package struct HighlightView: Sendable, Equatable {
    package var text: String
    package var matched: Bool

    /// The pieces of a highlighted text, with Persian digits.
    package static func pieces(_ segments: [HighlightSegment], fallback: String) -> [HighlightView] {
        guard !segments.isEmpty else { return [HighlightView(text: WebFormat.text(fallback), matched: false)] }
        return segments.map { HighlightView(text: WebFormat.text($0.text), matched: $0.matched) }
    }
}
