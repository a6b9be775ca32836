import Foundation

/// Reading pages the way a person sees them.
enum HTMLText {
    /// The text a visitor reads: markup, scripts, styles and left-to-right isolates (codes)
    /// removed, entities of the escaper decoded.
    static func visible(_ html: String) -> String {
        var text = html
        for pattern in [
            "<script[^>]*>[\\s\\S]*?</script>", "<style[^>]*>[\\s\\S]*?</style>", "<title[^>]*>[\\s\\S]*?</title>",
            "<bdi dir=\"ltr\">[\\s\\S]*?</bdi>", "<[^>]+>",
        ] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// How many times `needle` occurs in `haystack`.
    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    /// Every match of a regular expression's first capture group.
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
