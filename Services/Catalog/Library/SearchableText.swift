import MizPersian
import MizSchema

/// A text cut into words for search, each word kept with where it stands in the original,
/// so that matched words can be marked without ever changing the text shown.
///
/// A word (run) is a maximal stretch of letters, digits, combining marks and invisible format
/// characters such as the zero-width non-joiner: «بهره‌برداری» is one run, as the search form
/// «بهرهبرداری» is one token. Each run's tokens are its `PersianText.searchTokens`, so the
/// index and the query are folded by exactly the same rules.
package struct SearchableText: Sendable {
    /// One word of the original text and its search tokens.
    package struct Run: Sendable {
        /// Where the run stands, in the original text's unicode scalars.
        package let range: Range<String.Index>
        /// The run's tokens in search form; usually exactly one.
        package let tokens: [String]
    }

    /// The original text.
    package let text: String
    /// The words, in order.
    package let runs: [Run]

    /// Cuts `text` into runs.
    package init(_ text: String) {
        self.text = text
        var runs: [Run] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let isWord = Self.isWordScalar(scalars[index])
            if isWord, start == nil {
                start = index
            } else if !isWord, let begin = start {
                runs.append(Self.run(in: text, begin..<index))
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let begin = start { runs.append(Self.run(in: text, begin..<scalars.endIndex)) }
        self.runs = runs.filter { !$0.tokens.isEmpty }
    }

    /// Every token of the text, in order, repeats included.
    package var tokens: [String] { runs.flatMap(\.tokens) }

    /// The text cut into segments, a run marked when `isMatched` says so for any of its
    /// tokens; the segments joined give back the text exactly.
    package func segments(isMatched: (String) -> Bool) -> [HighlightSegment] {
        var segments: [HighlightSegment] = []
        let scalars = text.unicodeScalars
        var plainStart = scalars.startIndex
        for run in runs where run.tokens.contains(where: isMatched) {
            if plainStart < run.range.lowerBound {
                segments.append(
                    HighlightSegment(text: Self.piece(of: text, plainStart..<run.range.lowerBound), matched: false))
            }
            segments.append(HighlightSegment(text: Self.piece(of: text, run.range), matched: true))
            plainStart = run.range.upperBound
        }
        if plainStart < scalars.endIndex || segments.isEmpty {
            segments.append(HighlightSegment(text: Self.piece(of: text, plainStart..<scalars.endIndex), matched: false))
        }
        return segments
    }

    private static func run(in text: String, _ range: Range<String.Index>) -> Run {
        Run(range: range, tokens: PersianText.searchTokens(piece(of: text, range)))
    }

    private static func piece(of text: String, _ range: Range<String.Index>) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars[range]))
    }

    /// Letters, digits, marks and invisible format characters (ZWNJ, bidi marks) belong to
    /// a word; spaces and punctuation separate words.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark,
            .enclosingMark, .format:
            true
        default:
            false
        }
    }
}
