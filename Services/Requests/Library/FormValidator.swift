import Foundation
import MizPersian
import MizSchema

/// Checks a request form against the profile's attributes: unknown fields, required ones,
/// each value against its datatype and allowed values. Each problem is one Persian
/// `FieldError` keyed `fields.<code>`; a valid form comes back normalized.
package enum FormValidator {
    /// The longest one-line answer.
    package static let maximumStringLength = 200
    /// The longest several-line answer.
    package static let maximumTextLength = 2000

    /// The normalized answers (Latin digits, Jalali dates as "1405-01-31", list keys joined by
    /// commas), blank optional answers left out; or the problems found.
    ///
    /// - Parameter only: when set (a fix), just these attribute codes are expected and every
    ///   one of them must be answered.
    package static func validate(
        _ values: [String: String], against attributes: [FormAttribute], only: Set<String>? = nil
    ) -> Result<[String: String], BusError> {
        var errors: [FieldError] = []
        var normalized: [String: String] = [:]
        let known = Dictionary(attributes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for code in values.keys.sorted() where known[code] == nil || (only.map { !$0.contains(code) } ?? false) {
            errors.append(
                FieldError(
                    field: "fields.\(code)",
                    message: known[code] == nil
                        ? "این فیلد در فرم این خدمت نیست." : "اصلاح این فیلد خواسته نشده است."))
        }
        for attribute in attributes.sorted(by: { $0.order < $1.order }) {
            if let only, !only.contains(attribute.code) { continue }
            let raw = PersianText.normalizedForDisplay(values[attribute.code] ?? "")
            let field = "fields.\(attribute.code)"
            if raw.isEmpty {
                if attribute.required || only != nil {
                    errors.append(FieldError(field: field, message: "«\(attribute.description)» را وارد کنید."))
                }
                continue
            }
            switch check(raw, attribute) {
            case .success(let value): normalized[attribute.code] = value
            case .failure(let message): errors.append(FieldError(field: field, message: message.text))
            }
        }
        if !errors.isEmpty {
            return .failure(.invalidInput(errors, message: "برخی از پاسخ‌های فرم درست نیست؛ لطفاً آن‌ها را اصلاح کنید."))
        }
        return .success(normalized)
    }

    private struct Problem: Error {
        let text: String
    }

    private static func check(_ raw: String, _ attribute: FormAttribute) -> Result<String, Problem> {
        let label = attribute.description
        switch attribute.datatype {
        case .string:
            guard raw.count <= maximumStringLength, !raw.contains("\n") else {
                return .failure(
                    Problem(
                        text: "«\(label)» باید یک خط و حداکثر \(PersianDigits.display(maximumStringLength)) نویسه باشد."
                    ))
            }
            return .success(raw)
        case .text:
            guard raw.count <= maximumTextLength else {
                return .failure(
                    Problem(text: "«\(label)» حداکثر \(PersianDigits.display(maximumTextLength)) نویسه می‌تواند باشد."))
            }
            return .success(raw)
        case .number:
            let latin = PersianDigits.latin(raw).replacingOccurrences(of: "٫", with: ".")
                .replacingOccurrences(of: "٬", with: "").replacingOccurrences(of: ",", with: "")
            guard latin.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), latin.first?.isNumber == true,
                latin.filter({ $0 == "." }).count <= 1, latin.last != ".", latin.count <= 18
            else { return .failure(Problem(text: "«\(label)» باید یک عدد باشد.")) }
            return .success(latin)
        case .datetime:
            switch JalaliDate.parse(raw) {
            case .success(let date): return .success(date.description)
            case .failure(let error): return .failure(Problem(text: "«\(label)»: \(error.persianMessage)"))
            }
        case .singlevaluelist:
            let keys = (attribute.values ?? []).map(\.key)
            guard keys.contains(raw) else {
                return .failure(Problem(text: "برای «\(label)» یکی از گزینه‌های فهرست را انتخاب کنید."))
            }
            return .success(raw)
        case .multivaluelist:
            let keys = (attribute.values ?? []).map(\.key)
            var chosen: [String] = []
            for part in raw.split(whereSeparator: { $0 == "," || $0 == "،" }) {
                let key = part.trimmingCharacters(in: .whitespaces)
                guard keys.contains(key) else {
                    return .failure(Problem(text: "«\(key)» از گزینه‌های «\(label)» نیست."))
                }
                if !chosen.contains(key) { chosen.append(key) }
            }
            guard !chosen.isEmpty else { return .failure(Problem(text: "برای «\(label)» گزینه‌ای انتخاب کنید.")) }
            return .success(chosen.joined(separator: ","))
        }
    }
}
