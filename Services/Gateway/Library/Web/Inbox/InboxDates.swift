import Foundation
import MizPersian

/// Instants on the inbox pages: the Jalali day in Tehran, and the clock time.
enum InboxDates {
    /// «۱۴۰۵/۰۲/۱۰».
    static func day(_ date: Date) -> String { JalaliDate(gregorian: date).formatted }

    /// «۱۴۰۵/۰۲/۱۰ ساعت ۱۴:۰۵:۳۰».
    static func moment(_ date: Date) -> String { "\(day(date)) ساعت \(WebClock.time(date))" }
}
