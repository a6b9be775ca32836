import Foundation
import MizPersian
import MizSchema

/// One version of the Persian text of one kind of notification, with `{name}` placeholders.
///
/// Versions are never edited once shipped: a message records the version it was rendered
/// from, so the delivery log always says which wording a citizen received.
package struct NotificationTemplate: Sendable, Hashable {
    /// The event kind.
    package var kind: NotificationKind
    /// The version, from 1.
    package var version: Int
    /// The parameters the text uses, each exactly once or more.
    package var parameters: Set<String>
    /// Parameters that are identifiers (process numbers, tracking codes): shown in Persian
    /// digits inside a left-to-right isolate, so their parts keep their order in a right-to-left
    /// SMS. Others (the login code) stay in Latin digits for phones' one-time-code autofill.
    package var identifiers: Set<String>
    /// The text with `{name}` placeholders.
    package var text: String

    /// Makes a template.
    package init(kind: NotificationKind, version: Int, parameters: Set<String>, identifiers: Set<String>, text: String)
    {
        self.kind = kind
        self.version = version
        self.parameters = parameters
        self.identifiers = identifiers
        self.text = text
    }

    /// The text with every placeholder replaced by its value.
    ///
    /// - Precondition: `values` has exactly the template's parameters (checked by the routes).
    package func render(_ values: [String: String]) -> String {
        var output = text
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            let shown = identifiers.contains(name) ? "\u{2066}" + PersianDigits.display(value) + "\u{2069}" : value
            output = output.replacingOccurrences(of: "{\(name)}", with: shown)
        }
        return output
    }
}
