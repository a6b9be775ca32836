import Foundation
import MizPersian
import MizSchema

/// The view of the official holidays page (`/kartabl/tatilat`): the list for every staff
/// member, the forms to add and remove for administrators, and what went wrong.
package struct HolidaysPageView: Sendable {
    /// One holiday.
    package struct Row: Sendable {
        /// The Jalali day in Persian digits.
        package var day: String
        /// The day as the remove form sends it.
        package var value: String
        package var title: String
    }

    /// One problem of the error summary, linking to its field.
    package struct Problem: Sendable {
        package var anchor: String
        package var message: String
    }

    package var csrf: String
    package var isAdministrator: Bool
    package var rows: [Row] = []
    package var hasRows = false
    package var notice: String?
    package var errorMessage: String?
    package var errors: [Problem] = []
    package var hasErrors = false
    package var values: [String: String] = [:]

    /// Fills the list.
    mutating func show(_ list: HolidayList) {
        rows = list.holidays.map {
            Row(
                day: PersianDigits.display($0.date.replacingOccurrences(of: "-", with: "/")), value: $0.date,
                title: $0.title)
        }
        hasRows = !rows.isEmpty
    }

    /// Shows a refused change.
    mutating func show(_ error: BusError) {
        errorMessage = error.message
        errors =
            error.fields.isEmpty
            ? [Problem(anchor: "holiday-date", message: error.message)]
            : error.fields.map {
                Problem(anchor: $0.field == "title" ? "holiday-title" : "holiday-date", message: $0.message)
            }
        hasErrors = true
    }
}
