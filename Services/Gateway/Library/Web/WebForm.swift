import Foundation

/// A posted `application/x-www-form-urlencoded` body, read like a query string.
package struct WebForm: Sendable {
    private let query: WebQuery
    private let values: [String: String]
    /// Every pair in the order sent, for fields given more than once (checkboxes).
    private let pairs: [(key: String, value: String)]

    /// Reads the body.
    package init(_ body: String) {
        query = WebQuery(body)
        var values: [String: String] = [:]
        var pairs: [(key: String, value: String)] = []
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = WebForm.decode(parts[0])
            let value = parts.count > 1 ? WebForm.decode(parts[1]) : ""
            if values[key] == nil { values[key] = value }
            pairs.append((key, value))
        }
        self.values = values
        self.pairs = pairs
    }

    /// Every non-blank value of `key`, trimmed, in the order sent (ticked checkboxes).
    package func all(_ key: String) -> [String] {
        pairs.filter { $0.key == key }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// The value of `key`, trimmed; nil when absent or blank.
    package subscript(_ key: String) -> String? { query[key] }

    /// The value of `key` exactly as sent (a password keeps its spaces).
    package func raw(_ key: String) -> String? { values[key] }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }
}
