/// A piece of a text shown in search results, marked when it is a word the query matched.
///
/// The segments of a text, joined in order, give back the text exactly. A page renders each
/// segment as escaped text and wraps matched ones in `<mark>`, so no markup ever travels
/// inside the text itself.
public struct HighlightSegment: Codable, Sendable, Equatable {
    /// A piece of the original text, unchanged.
    public var text: String
    /// Whether the query matched this word.
    public var matched: Bool

    /// Makes a segment.
    public init(text: String, matched: Bool) {
        self.text = text
        self.matched = matched
    }
}
