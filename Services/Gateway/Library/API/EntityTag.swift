import Foundation

/// Strong entity tags of the API's JSON bodies and the `If-None-Match` test (RFC 9110 §8.8.3
/// and §13.1.2).
///
/// A tag is the FNV-1a hash of the exact bytes of the body, so it is strong (equal tags mean
/// equal bytes) and every gateway instance gives the same tag for the same catalog state
/// without talking to the others.
package enum EntityTag {
    /// The quoted strong tag of a body, such as `"a1b2c3d4e5f60718"`.
    package static func strong(for body: some Sequence<UInt8>) -> String {
        "\"\(FNV1a64.hexDigest(body))\""
    }

    /// Whether the `If-None-Match` header values name `tag` (or are `*`), so the client's copy
    /// is current and `304 Not Modified` is the answer.
    ///
    /// `If-None-Match` uses the weak comparison: `W/"x"` matches `"x"`. Malformed members are
    /// skipped rather than refused, as a cache must not fail a request over a bad header.
    package static func ifNoneMatch(_ values: [String], matches tag: String) -> Bool {
        let wanted = opaque(tag) ?? Substring(tag)
        for value in values {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed == "*" { return true }
            if members(of: trimmed).contains(wanted) { return true }
        }
        return false
    }

    /// The opaque tags (the quoted part, quotes included) of a comma-separated list of entity
    /// tags, weak or strong. An opaque tag may itself hold commas, so the list is scanned, not
    /// split.
    static func members(of list: String) -> [Substring] {
        var found: [Substring] = []
        var rest = Substring(list)
        while !rest.isEmpty {
            rest = rest.drop { $0 == "," || $0 == " " || $0 == "\t" }
            if rest.hasPrefix("W/") { rest = rest.dropFirst(2) }
            guard rest.first == "\"" else {
                // Not an entity tag: skip to the next comma.
                rest = rest.drop { $0 != "," }
                continue
            }
            let afterQuote = rest.dropFirst()
            guard let close = afterQuote.firstIndex(of: "\"") else { break }
            found.append(rest[rest.startIndex...close])
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The opaque part of one tag, without a `W/` prefix.
    private static func opaque(_ tag: String) -> Substring? {
        members(of: tag).first
    }
}
