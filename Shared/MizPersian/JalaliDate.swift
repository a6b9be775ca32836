import Foundation

/// A calendar day in the Persian (Jalali, Solar Hijri) calendar, the official calendar of
/// Iran, validated against Foundation's `.persian` calendar.
///
/// The value has no time of day and no time zone; convert to and from `Date` with an
/// explicit time zone (Tehran by default). Months 1–6 have 31 days, months 7–11 have 30
/// and Esfand (12) has 30 days in leap years and 29 otherwise. Years are limited to
/// `supportedYears` (four-digit years). Codable as the string "1403-12-30".
package struct JalaliDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The Jalali year, e.g. 1403.
    package let year: Int
    /// The month, 1 (Farvardin) through 12 (Esfand).
    package let month: Int
    /// The day of the month, starting at 1.
    package let day: Int

    /// The years this type accepts: four-digit Jalali years (Gregorian 1621–10621).
    package static let supportedYears: ClosedRange<Int> = 1000...9999

    /// Iran Standard Time (Asia/Tehran), the default time zone for converting dates.
    package static let tehranTimeZone: TimeZone =
        TimeZone(identifier: "Asia/Tehran") ?? TimeZone(secondsFromGMT: 12_600)!

    /// The Persian month names, فروردین through اسفند, indexed from 0.
    package static let monthNames: [String] = [
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
        "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ]

    /// Creates a date from its parts, or returns `nil` when the day does not exist in the
    /// Persian calendar (e.g. Esfand 30 of a common year) or the year is unsupported.
    package init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the Jalali day on which `date` falls in `timeZone` (Tehran by default).
    ///
    /// - Precondition: the resulting year is in `supportedYears`.
    package init(gregorian date: Date, timeZone: TimeZone = JalaliDate.tehranTimeZone) {
        let calendar: Calendar
        switch timeZone {
        case Self.tehranTimeZone: calendar = Self.tehranPersianCalendar
        case Self.utc: calendar = Self.persianCalendar
        default:
            var other = Self.persianCalendar
            other.timeZone = timeZone
            calendar = other
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let result = Self(year: parts.year!, month: parts.month!, day: parts.day!) else {
            preconditionFailure("Date outside the supported Jalali years: \(date)")
        }
        self = result
    }

    /// Creates the Jalali date of a Gregorian calendar day, e.g. (2025, 3, 21) → 1404/01/01,
    /// or returns `nil` when that day does not exist or falls outside `supportedYears`.
    package init?(gregorianYear: Int, month: Int, day: Int) {
        let parts = DateComponents(year: gregorianYear, month: month, day: day, hour: 12)
        guard parts.isValidDate(in: Self.gregorianCalendar),
            let date = Self.gregorianCalendar.date(from: parts)
        else { return nil }
        let jalali = Self.persianCalendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: jalali.year!, month: jalali.month!, day: jalali.day!)
    }

    /// Returns whether `year` is a Jalali leap year, i.e. Esfand has 30 days; `false` for a
    /// year outside `supportedYears`.
    package static func isLeapYear(_ year: Int) -> Bool {
        daysInEsfand(of: year) == 30
    }

    /// Returns the number of days in `month` of `year`: 31 for months 1–6, 30 for months
    /// 7–11, 30 or 29 for Esfand; 0 for a month outside 1–12 or a year outside
    /// `supportedYears`.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        guard supportedYears.contains(year) else { return 0 }
        return switch month {
        case 1...6: 31
        case 7...11: 30
        case 12: daysInEsfand(of: year)
        default: 0
        }
    }

    /// The Persian name of the month, e.g. «اسفند».
    package var monthName: String { Self.monthNames[month - 1] }

    /// The date with Persian digits as typed on Iranian forms, zero-padded: «۱۴۰۳/۱۲/۳۰».
    package var formatted: String { PersianDigits.display(latinFormatted(separator: "/")) }

    /// The date spelled out with the Persian month name: «۳۰ اسفند ۱۴۰۳».
    package var longFormatted: String {
        "\(PersianDigits.display(day)) \(monthName) \(PersianDigits.display(year))"
    }

    /// The ASCII form "1403-12-30", used for logs, storage and `Codable`.
    package var description: String { latinFormatted(separator: "-") }

    /// The day of the week of this date.
    package var weekday: Weekday {
        let gregorianWeekday = Self.gregorianCalendar.component(.weekday, from: noonUTC)
        // Foundation numbers Sunday 1 … Saturday 7; the Persian week starts on Saturday.
        return Weekday(rawValue: gregorianWeekday % 7 + 1)!
    }

    /// The Gregorian calendar day of this date as year, month and day components.
    package var gregorianComponents: DateComponents {
        let parts = Self.gregorianCalendar.dateComponents([.year, .month, .day], from: noonUTC)
        return DateComponents(year: parts.year, month: parts.month, day: parts.day)
    }

    /// Returns the first instant of this day in `timeZone` (normally midnight).
    package func startOfDay(in timeZone: TimeZone = JalaliDate.tehranTimeZone) -> Date {
        var calendar = Self.persianCalendar
        calendar.timeZone = timeZone
        let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return calendar.startOfDay(for: noon)
    }

    /// Returns the instant this day ends (the next day's start) in `timeZone`, for whole-day
    /// ranges such as "submitted up to ۱۴۰۴/۰۱/۳۱"; defined for every supported day, the
    /// calendar's last included (۹۹۹۹/۱۲/۲۹ ends in a year `JalaliDate` does not cover).
    package func endOfDay(in timeZone: TimeZone = JalaliDate.tehranTimeZone) -> Date {
        var calendar = Self.persianCalendar
        calendar.timeZone = timeZone
        let start = startOfDay(in: timeZone)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
    }

    /// Returns the date `days` days later (or earlier, for a negative count).
    ///
    /// - Precondition: the result is in `supportedYears`.
    package func adding(days: Int) -> JalaliDate {
        JalaliDate(gregorian: noonUTC.addingTimeInterval(Double(days) * 86_400), timeZone: Self.utc)
    }

    /// Returns the number of days from this date to `other`, negative when `other` is earlier.
    package func days(to other: JalaliDate) -> Int {
        Int((other.noonUTC.timeIntervalSince(noonUTC) / 86_400).rounded())
    }

    /// Orders dates chronologically.
    package static func < (lhs: JalaliDate, rhs: JalaliDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes the string form "1403-12-30", validating it against the calendar.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        switch Self.parse(try container.decode(String.self)) {
        case .success(let date):
            self = date
        case .failure(let error):
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Invalid Jalali date: \(error)")
        }
    }

    /// Encodes the date as the string "1403-12-30".
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: - Private

    private static let utc = TimeZone(secondsFromGMT: 0)!

    private static let persianCalendar: Calendar = {
        var calendar = Calendar(identifier: .persian)
        calendar.timeZone = utc
        return calendar
    }()

    /// The Persian calendar in Tehran time, made once: a calendar whose time zone is set on
    /// every conversion is a new calendar each time.
    private static let tehranPersianCalendar: Calendar = {
        var calendar = Calendar(identifier: .persian)
        calendar.timeZone = tehranTimeZone
        return calendar
    }()

    private static let gregorianCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar
    }()

    /// Noon UTC of this day, a time-zone-free anchor for calendar arithmetic.
    private var noonUTC: Date {
        Self.persianCalendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    private func latinFormatted(separator: String) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)\(separator)\(pad(month))\(separator)\(pad(day))"
    }

    /// Asks Foundation's Persian calendar for the length of Esfand in `year`.
    private static func daysInEsfand(of year: Int) -> Int {
        guard supportedYears.contains(year) else { return 0 }
        let firstOfEsfand = DateComponents(year: year, month: 12, day: 1, hour: 12)
        guard let date = persianCalendar.date(from: firstOfEsfand),
            let range = persianCalendar.range(of: .day, in: .month, for: date)
        else { return 0 }
        return range.count
    }
}

extension JalaliDate {
    /// A day of the Persian week, which starts on Saturday; Friday is the weekend.
    package enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable {
        /// The days in Persian week order; the raw value is the day's position, 1–7.
        case saturday = 1
        case sunday, monday, tuesday, wednesday, thursday, friday

        /// The Persian name of the day, e.g. «شنبه» or «سه‌شنبه».
        package var persianName: String {
            switch self {
            case .saturday: "شنبه"
            case .sunday: "یکشنبه"
            case .monday: "دوشنبه"
            case .tuesday: "سه‌شنبه"
            case .wednesday: "چهارشنبه"
            case .thursday: "پنجشنبه"
            case .friday: "جمعه"
            }
        }

        /// Whether the day is the weekly holiday (Friday).
        package var isWeekend: Bool { self == .friday }
    }
}

extension JalaliDate {
    /// Why typed text could not be read as a Jalali date; each case has a Persian message.
    package enum ParseError: Error, Sendable, Hashable {
        /// The text is empty or only whitespace.
        case empty
        /// The text is not three groups of digits in year/month/day order.
        case invalidFormat
        /// The year was not written with four digits (e.g. «۰۳/۱۲/۳۰» or «۰۴۰۳/۱/۱»).
        case yearNotFourDigits
        /// The month is not between 1 and 12.
        case monthOutOfRange(Int)
        /// The day does not exist in the given month; carries the month's length.
        case dayOutOfRange(year: Int, month: Int, daysInMonth: Int)

        /// A message to show the user, in Persian with Persian digits.
        package var persianMessage: String {
            switch self {
            case .empty:
                "تاریخ وارد نشده است"
            case .invalidFormat:
                "تاریخ وارد شده معتبر نیست؛ آن را به شکل ۱۴۰۳/۰۱/۳۱ وارد کنید"
            case .yearNotFourDigits:
                "سال را به صورت چهاررقمی وارد کنید، مانند ۱۴۰۳"
            case .monthOutOfRange:
                "ماه باید عددی بین ۱ تا ۱۲ باشد"
            case .dayOutOfRange(let year, let month, let daysInMonth):
                "\(JalaliDate.monthNames[month - 1]) سال \(PersianDigits.display(year)) "
                    + "\(PersianDigits.display(daysInMonth)) روز دارد"
            }
        }
    }

    /// Characters accepted between the year, month and day of typed input.
    private static let separators: Set<Unicode.Scalar> = [
        "/", "\\", "-", ".", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}",
        "\u{2212}", "\u{2044}", "\u{2215}", "\u{060C}", "\u{066B}", "\u{066C}", "\u{200C}",
    ]

    /// Reads a date typed as year, month and day in any digits, e.g. «۱۴۰۳/۱۲/۳۰»,
    /// "1403-12-30" or «۱۴۰۳.۱.۵».
    ///
    /// Accepted separators are / \ - . (and dash look-alikes), whitespace, Persian comma «،»,
    /// Arabic decimal and thousands separators «٫ ٬» and ZWNJ, alone or in runs; surrounding
    /// whitespace and bidi marks are ignored. The year must have four digits, not starting
    /// with 0 (two-digit years are rejected); month and day have one or two digits.
    package static func parse(_ text: String) -> Result<JalaliDate, ParseError> {
        var groups: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if isBidiMark(scalar) { continue }
            if let digit = PersianDigits.value(of: scalar) {
                current.append(String(digit))
            } else if separators.contains(scalar) || scalar.properties.isWhitespace {
                if !current.isEmpty {
                    groups.append(current)
                    current = ""
                }
            } else {
                return .failure(.invalidFormat)
            }
        }
        if !current.isEmpty { groups.append(current) }
        if groups.isEmpty {
            let isBlank = text.unicodeScalars.allSatisfy {
                $0.properties.isWhitespace || isBidiMark($0)
            }
            return .failure(isBlank ? .empty : .invalidFormat)
        }
        guard groups.count == 3, groups[1].count <= 2, groups[2].count <= 2 else {
            return .failure(.invalidFormat)
        }
        guard groups[0].count <= 4 else { return .failure(.invalidFormat) }
        let year = Int(groups[0])!
        let month = Int(groups[1])!
        let day = Int(groups[2])!
        guard supportedYears.contains(year) else { return .failure(.yearNotFourDigits) }
        guard (1...12).contains(month) else { return .failure(.monthOutOfRange(month)) }
        guard let date = JalaliDate(year: year, month: month, day: day) else {
            let length = daysInMonth(year: year, month: month)
            return .failure(.dayOutOfRange(year: year, month: month, daysInMonth: length))
        }
        return .success(date)
    }

    private static func isBidiMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}
