import Foundation

/// Due dates counted in working days of Iran's offices: Friday is the weekly holiday, and the
/// day ends at midnight in Tehran.
///
/// Official holidays (Nowruz, religious days) are not in the count: a complaint due on one is
/// escalated a day early rather than late.
package enum WorkingDays {
    /// Tehran's time zone.
    private static let tehran = TimeZone(identifier: "Asia/Tehran") ?? TimeZone(secondsFromGMT: 12_600)!

    /// The end (midnight in Tehran) of the `count`-th working day after the day of `start`.
    package static func due(after start: Date, workingDays count: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tehran
        var day = calendar.startOfDay(for: start)
        var counted = 0
        while counted < count {
            day = calendar.date(byAdding: .day, value: 1, to: day)!
            if calendar.component(.weekday, from: day) != 6 { counted += 1 }
        }
        return calendar.date(byAdding: .day, value: 1, to: day)!
    }
}
