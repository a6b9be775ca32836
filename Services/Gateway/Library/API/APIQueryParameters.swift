import Foundation

/// The query string of an API request, decoded as HTML forms encode it: `+` is a space and
/// `%XX` sequences are UTF-8 bytes.
///
/// Hummingbird's `queryParameters` leaves `+` as it is, so a search typed into a form as
/// «پروانه چرا» would arrive as «پروانه+چرا»; this reads the raw query itself. A parameter
/// given twice counts by its first value. A name or value whose encoding is broken is kept
/// aside, so the route can answer 400 for that parameter instead of guessing.
package struct APIQueryParameters: Sendable {
    /// The parameters in the order given, decoded.
    package private(set) var pairs: [(name: String, value: String)]
    /// Names (as decoded, or raw when the name itself is broken) whose value is not valid
    /// percent-encoded UTF-8.
    package private(set) var malformed: [String]

    /// Decodes a raw query string, without the leading `?`; nil means no query.
    package init(query: String?) {
        pairs = []
        malformed = []
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let name: Substring
            let value: Substring
            if let equals = part.firstIndex(of: "=") {
                name = part[..<equals]
                value = part[part.index(after: equals)...]
            } else {
                name = part
                value = ""
            }
            guard let decodedName = Self.decode(name) else {
                malformed.append(String(name))
                continue
            }
            guard let decodedValue = Self.decode(value) else {
                malformed.append(decodedName)
                continue
            }
            pairs.append((decodedName, decodedValue))
        }
    }

    /// The first value of a parameter, or nil when it is absent.
    package subscript(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Whether the parameter's value could not be decoded.
    package func isMalformed(_ name: String) -> Bool {
        malformed.contains(name)
    }

    /// One form-encoded component decoded, or nil when its percent-encoding is broken or is
    /// not UTF-8.
    static func decode(_ component: Substring) -> String? {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        guard spaced.contains("%") else { return spaced }
        return spaced.removingPercentEncoding
    }
}
