import Foundation
import MizPersian
import MizSchema

/// One question of a request form, generated from the profile's `FormAttribute`: the input
/// its datatype needs, the answer so far and what is wrong with it.
package struct RequestFieldView: Sendable {
    /// One choice of a list question.
    package struct Choice: Sendable {
        package var id: String
        package var value: String
        package var label: String
        package var checked: Bool
    }

    package var id: String
    package var name: String
    package var label: String
    package var optional: Bool
    package var value: String
    package var problem: String?
    package var isLine: Bool
    package var isNumber: Bool
    package var isDate: Bool
    package var isText: Bool
    package var isSingle: Bool
    package var isMulti: Bool
    package var choices: [Choice]
    /// The id the error summary links to: the input, or the first choice of a list.
    package var anchor: String

    /// The question of `attribute` with the answer `value` (list keys joined by commas).
    package init(_ attribute: FormAttribute, value: String?, problem: String?) {
        id = "field-\(attribute.code)"
        name = attribute.code
        label = attribute.description
        optional = !attribute.required
        self.value = value ?? ""
        self.problem = problem
        isNumber = attribute.datatype == .number
        isDate = attribute.datatype == .datetime
        isText = attribute.datatype == .text
        isSingle = attribute.datatype == .singlevaluelist
        isMulti = attribute.datatype == .multivaluelist
        isLine = attribute.datatype == .string
        let selected = Set((value ?? "").split(separator: ",").map { String($0) })
        choices = (attribute.values ?? []).enumerated().map { index, item in
            Choice(
                id: "field-\(attribute.code)-\(index + 1)", value: item.key, label: item.name,
                checked: selected.contains(item.key))
        }
        anchor = attribute.datatype.isList && !choices.isEmpty ? choices[0].id : id
    }

    /// The answer as the citizen reads it: a list's names, a stored date (`1405-02-10`) with
    /// slashes, digits in Persian.
    package static func display(_ attribute: FormAttribute, value: String?) -> String {
        guard let value, !value.isEmpty else { return "—" }
        if attribute.datatype.isList {
            let keys = value.split(separator: ",").map(String.init)
            return keys.map { key in attribute.values?.first { $0.key == key }?.name ?? key }.joined(separator: "، ")
        }
        if attribute.datatype == .datetime {
            return PersianDigits.display(value.replacingOccurrences(of: "-", with: "/"))
        }
        return PersianDigits.display(value)
    }
}
