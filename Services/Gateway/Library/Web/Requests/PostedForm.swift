import Foundation

/// A posted form's fields, `application/x-www-form-urlencoded` or `multipart/form-data`, as
/// the request pages read them: every value of a key (checkboxes send several) and the files.
package struct PostedForm: Sendable {
    private var values: [String: [String]]
    /// The uploaded files (multipart only).
    package var files: [MultipartForm.File]

    /// A URL-encoded body.
    package init(urlEncoded body: String) {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            values[key, default: []].append(parts.count > 1 ? Self.decode(parts[1]) : "")
        }
        self.values = values
        files = []
    }

    /// A multipart body.
    package init(multipart form: MultipartForm) {
        values = form.values
        files = form.files
    }

    /// The first value of `key`, trimmed; nil when absent or blank.
    package subscript(_ key: String) -> String? {
        guard let value = values[key]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The first value of `key` exactly as sent.
    package func raw(_ key: String) -> String? { values[key]?.first }

    /// Every non-blank value of `key`, trimmed.
    package func all(_ key: String) -> [String] {
        (values[key] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }
}
