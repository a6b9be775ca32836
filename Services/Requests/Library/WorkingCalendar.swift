import Foundation
import MizPersian

/// Counts working days: every day but Friday and the official holidays of the editable list.
package struct WorkingCalendar: Sendable {
    /// The official holidays.
    package let holidays: Set<JalaliDate>

    /// A calendar with these holidays.
    package init(holidays: Set<JalaliDate>) {
        self.holidays = holidays
    }

    /// Whether offices work on `day`.
    package func isWorkingDay(_ day: JalaliDate) -> Bool {
        day.weekday != .friday && !holidays.contains(day)
    }

    /// The end (Tehran time) of the `workingDays`-th working day after the day of `submittedAt`:
    /// the day of submission does not count, since a request may arrive at closing time.
    package func dueDate(submittedAt: Date, workingDays: Int) -> Date {
        var day = JalaliDate(gregorian: submittedAt)
        var counted = 0
        while counted < max(1, workingDays) {
            day = day.adding(days: 1)
            if isWorkingDay(day) { counted += 1 }
        }
        return day.adding(days: 1).startOfDay()
    }
}
