import Foundation
import MizPersian
import MizSchema

/// Reads the inbox's filters from a query string, the same way for the JSON API
/// (`GET /api/v1/inbox`) and the inbox page's GET form (`/kartabl`), so the two cannot drift:
///
/// - `status`: one status, a comma-separated list, or the parameter repeated;
/// - `service`: a service code; `province`: one of the caller's provinces;
/// - `from`, `to`: Jalali days in any digits («۱۴۰۵/۰۱/۰۱»), checked by the requests service;
/// - `overdue`: `true`/`1`/`on` for overdue requests only;
/// - `page`, `pageSize`: from 1; at most 100 per page.
///
/// An empty value means "no filter", as a GET form sends an untouched field.
package struct InboxQueryParameters: Sendable {
    /// The query for `requests.inbox`.
    package let query: InboxQuery

    /// Reads the parameters.
    ///
    /// - Throws: `BusError.invalidInput` with a Persian message per parameter that is not
    ///   understood (an unknown status, a page that is not a number).
    package init(_ parameters: APIQueryParameters) throws(BusError) {
        var errors: [FieldError] = []
        var statuses: [RequestStatus] = []
        for value in parameters.pairs.filter({ $0.name == "status" }).map(\.value) {
            for part in value.split(separator: ",") {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                if let status = RequestStatus(rawValue: text) {
                    if !statuses.contains(status) { statuses.append(status) }
                } else {
                    errors.append(FieldError(field: "status", message: "وضعیت «\(text)» شناخته نشد."))
                }
            }
        }
        func number(_ name: String, default value: Int, range: ClosedRange<Int>, message: String) -> Int {
            guard let text = Self.value(parameters, name) else { return value }
            guard let number = PersianDigits.parseInteger(text), range.contains(number) else {
                errors.append(FieldError(field: name, message: message))
                return value
            }
            return number
        }
        let page = number("page", default: 1, range: 1...100_000, message: "شماره صفحه باید عددی از ۱ به بالا باشد.")
        let pageSize = number(
            "pageSize", default: 20, range: 1...100, message: "اندازه صفحه باید عددی از ۱ تا ۱۰۰ باشد.")
        var overdue = false
        if let text = Self.value(parameters, "overdue") {
            switch text.lowercased() {
            case "true", "1", "on", "yes": overdue = true
            case "false", "0", "off", "no": overdue = false
            default:
                errors.append(FieldError(field: "overdue", message: "مقدار «فقط دیرکرددار» باید true یا false باشد."))
            }
        }
        for name in parameters.malformed {
            errors.append(FieldError(field: name, message: "مقدار این پارامتر درست رمزگذاری نشده است."))
        }
        if !errors.isEmpty { throw BusError.invalidInput(errors) }
        query = InboxQuery(
            statuses: statuses, serviceCode: Self.value(parameters, "service"),
            province: Self.value(parameters, "province")?.lowercased(), submittedFrom: Self.value(parameters, "from"),
            submittedTo: Self.value(parameters, "to"), overdueOnly: overdue, page: page, pageSize: pageSize)
    }

    /// A parameter's first value, trimmed; nil when absent or blank.
    static func value(_ parameters: APIQueryParameters, _ name: String) -> String? {
        guard let value = parameters[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }
}
