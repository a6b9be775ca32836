import Foundation
import MizPersian
import MizSchema

/// The query string of a page address, read as a browser's GET form sends it: `+` is a space,
/// `%XX` is a byte of UTF-8, and a key given twice keeps its first value.
package struct WebQuery: Sendable, Equatable {
    private var values: [String: String]

    /// Reads a raw query string (the part after `?`), or none.
    package init(_ query: String?) {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[key] == nil { values[key] = value }
        }
        self.values = values
    }

    /// The value of `key`, trimmed; nil when absent or blank.
    package subscript(_ key: String) -> String? {
        guard let value = values[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The search words: at most `CatalogSearchQuery.maximumTextLength` characters.
    package var searchText: String {
        String((self["q"] ?? "").prefix(CatalogSearchQuery.maximumTextLength))
    }

    /// The page asked for, in any digits; 1 when absent or not a number from 1 up.
    package var page: Int {
        guard let text = self["page"], let page = PersianDigits.parseInteger(text), page >= 1 else { return 1 }
        return min(page, 10_000)
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
