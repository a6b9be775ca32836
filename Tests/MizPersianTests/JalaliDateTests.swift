import Foundation
import MizPersian
import Testing

/// Builds a Jalali date that the test knows to be valid.
func jalali(_ year: Int, _ month: Int, _ day: Int) -> JalaliDate {
    guard let date = JalaliDate(year: year, month: month, day: day) else {
        preconditionFailure("invalid test date \(year)/\(month)/\(day)")
    }
    return date
}

/// Parses an ISO 8601 instant such as "2025-03-20T20:30:00Z".
func instant(_ text: String) -> Date {
    guard let date = ISO8601DateFormatter().date(from: text) else {
        preconditionFailure("invalid test instant \(text)")
    }
    return date
}

@Suite("JalaliDate")
struct JalaliDateTests {
    @Test(
        "Known Jalali–Gregorian pairs convert both ways",
        arguments: [
            ((1403, 12, 30), (2025, 3, 20)),
            ((1405, 9, 3), (2026, 11, 24)),
            ((1404, 1, 1), (2025, 3, 21)),
            ((1399, 12, 30), (2021, 3, 20)),
            ((1357, 11, 22), (1979, 2, 11)),
            ((1300, 1, 1), (1921, 3, 21)),
        ])
    func knownPairs(jalaliParts: (Int, Int, Int), gregorianParts: (Int, Int, Int)) {
        let date = jalali(jalaliParts.0, jalaliParts.1, jalaliParts.2)
        let gregorian = date.gregorianComponents
        #expect(
            [gregorian.year, gregorian.month, gregorian.day] == [
                gregorianParts.0, gregorianParts.1, gregorianParts.2,
            ])
        #expect(
            JalaliDate(gregorianYear: gregorianParts.0, month: gregorianParts.1, day: gregorianParts.2)
                == date)
    }

    @Test("Every day of 1300–1500 round-trips through Gregorian and follows the previous day")
    func everyDayRoundTrips() {
        var previous: DateComponents?
        var dayCount = 0
        for year in 1300...1500 {
            var daysInYear = 0
            for month in 1...12 {
                for day in 1...JalaliDate.daysInMonth(year: year, month: month) {
                    let date = jalali(year, month, day)
                    let gregorian = date.gregorianComponents
                    let back = JalaliDate(
                        gregorianYear: gregorian.year!, month: gregorian.month!, day: gregorian.day!)
                    #expect(back == date)
                    if let previous {
                        #expect(ymd(gregorian) == ymd(nextGregorianDay(after: previous)), "\(date)")
                    }
                    previous = gregorian
                    daysInYear += 1
                }
            }
            #expect(daysInYear == (JalaliDate.isLeapYear(year) ? 366 : 365))
            dayCount += daysInYear
        }
        // 1300/01/01 = 1921-03-21 and 1501/01/01 = 2122-03-21: 201 years with 49 Feb 29s.
        #expect(dayCount == 201 * 365 + 49)
        #expect(previous.map(ymd) == [2122, 3, 20])
    }

    @Test("Leap years match the official calendar")
    func leapYears() {
        let leap = [1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408, 1412, 1416, 1420]
        let common = [1371, 1396, 1400, 1401, 1402, 1404, 1405, 1406, 1407, 1409, 1413]
        #expect(leap.allSatisfy(JalaliDate.isLeapYear))
        #expect(!common.contains(where: JalaliDate.isLeapYear))
        #expect((1300...1500).filter(JalaliDate.isLeapYear).count == 49)
    }

    @Test("Esfand 30 exists exactly in leap years", arguments: 1300...1500)
    func esfandThirty(year: Int) {
        #expect((JalaliDate(year: year, month: 12, day: 30) != nil) == JalaliDate.isLeapYear(year))
        #expect(
            JalaliDate.daysInMonth(year: year, month: 12) == (JalaliDate.isLeapYear(year) ? 30 : 29))
        #expect(JalaliDate(year: year, month: 12, day: 29) != nil)
        #expect(JalaliDate(year: year, month: 12, day: 31) == nil)
    }

    @Test("Month lengths and validation")
    func monthLengths() {
        #expect(
            (1...12).map { JalaliDate.daysInMonth(year: 1404, month: $0) } == [
                31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29,
            ])
        #expect(JalaliDate.daysInMonth(year: 1403, month: 12) == 30)
        #expect(JalaliDate.daysInMonth(year: 1404, month: 13) == 0)
        #expect(JalaliDate(year: Int.max, month: 12, day: 1) == nil)
        #expect(JalaliDate(year: Int.min, month: 12, day: 1) == nil)
        #expect(JalaliDate.isLeapYear(9999) == ((25 * 9999 + 11) % 33 < 8))
        #expect(!JalaliDate.isLeapYear(Int.max) && !JalaliDate.isLeapYear(Int.min))
        #expect(!JalaliDate.isLeapYear(999) && JalaliDate.daysInMonth(year: 999, month: 1) == 0)
        #expect(JalaliDate(year: 1404, month: 6, day: 31) != nil)
        #expect(JalaliDate(year: 1404, month: 7, day: 31) == nil)
        #expect(JalaliDate(year: 1404, month: 0, day: 1) == nil)
        #expect(JalaliDate(year: 1404, month: 13, day: 1) == nil)
        #expect(JalaliDate(year: 1404, month: 1, day: 0) == nil)
        #expect(JalaliDate(year: 999, month: 1, day: 1) == nil)
        #expect(JalaliDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(JalaliDate(gregorianYear: 2025, month: 2, day: 29) == nil)
        let date = jalali(1404, 2, 15)
        #expect(date.year == 1404 && date.month == 2 && date.day == 15)
    }

    @Test("Conversion from an instant uses the given time zone, Tehran by default")
    func fromInstant() throws {
        #expect(JalaliDate(gregorian: instant("2025-03-20T20:29:59Z")) == jalali(1403, 12, 30))
        #expect(JalaliDate(gregorian: instant("2025-03-20T20:30:00Z")) == jalali(1404, 1, 1))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(
            JalaliDate(gregorian: instant("2025-03-20T20:30:00Z"), timeZone: utc) == jalali(1403, 12, 30))
        #expect(JalaliDate.tehranTimeZone.identifier == "Asia/Tehran")
    }

    @Test(
        "startOfDay is local midnight, including former daylight-saving days",
        arguments: [
            ((1404, 1, 1), "2025-03-20T20:30:00Z"),
            ((1403, 4, 1), "2024-06-20T20:30:00Z"),
            ((1400, 4, 1), "2021-06-21T19:30:00Z"),
            ((1391, 1, 2), "2012-03-20T20:30:00Z"),
        ])
    func startOfDay(parts: (Int, Int, Int), expected: String) throws {
        let date = jalali(parts.0, parts.1, parts.2)
        #expect(date.startOfDay() == instant(expected))
        #expect(JalaliDate(gregorian: date.startOfDay()) == date)
        let utc = try #require(TimeZone(identifier: "UTC"))
        let gregorian = date.gregorianComponents
        let expectedUTC = String(
            format: "%04d-%02d-%02dT00:00:00Z", gregorian.year!, gregorian.month!, gregorian.day!)
        #expect(date.startOfDay(in: utc) == instant(expectedUTC))
    }

    @Test("endOfDay is the next day's start, also for the last day of year 9999 and around Nowruz")
    func endOfDay() {
        #expect(jalali(1403, 12, 30).endOfDay() == jalali(1404, 1, 1).startOfDay())
        #expect(jalali(1404, 1, 1).endOfDay() == jalali(1404, 1, 2).startOfDay())
        let last = jalali(9999, 12, 29)
        #expect(last.endOfDay().timeIntervalSince(last.startOfDay()) == 86_400)
    }

    @Test("Weekdays start on Saturday and Friday is the weekend")
    func weekdays() {
        #expect(jalali(1404, 1, 1).weekday == .friday)
        #expect(jalali(1403, 12, 30).weekday == .thursday)
        #expect(jalali(1405, 9, 3).weekday == .tuesday)
        #expect(jalali(1404, 1, 2).weekday == .saturday)
        let week = (0..<7).map { jalali(1404, 1, 2).adding(days: $0).weekday }
        #expect(week == JalaliDate.Weekday.allCases)
        #expect(week.map(\.rawValue) == Array(1...7))
        #expect(
            week.map(\.persianName) == [
                "شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه",
            ])
        #expect(week.filter(\.isWeekend) == [.friday])
    }

    @Test("Dates order chronologically")
    func ordering() {
        let dates = [
            jalali(1404, 1, 1), jalali(1403, 12, 30), jalali(1403, 2, 1), jalali(1403, 1, 31),
            jalali(1399, 12, 30),
        ]
        #expect(
            dates.sorted() == [
                jalali(1399, 12, 30), jalali(1403, 1, 31), jalali(1403, 2, 1), jalali(1403, 12, 30),
                jalali(1404, 1, 1),
            ])
        #expect(jalali(1403, 12, 30) < jalali(1404, 1, 1))
        #expect(!(jalali(1404, 1, 1) < jalali(1404, 1, 1)))
    }

    @Test(
        "adding(days:) crosses months and years",
        arguments: [
            ((1403, 12, 30), 1, (1404, 1, 1)),
            ((1404, 12, 29), 1, (1405, 1, 1)),
            ((1403, 6, 31), 1, (1403, 7, 1)),
            ((1404, 1, 1), -1, (1403, 12, 30)),
            ((1404, 1, 1), 365, (1405, 1, 1)),
            ((1403, 1, 1), 366, (1404, 1, 1)),
            ((1404, 1, 1), 0, (1404, 1, 1)),
            ((1404, 1, 1), -36_525, (1304, 1, 1)),
        ])
    func adding(start: (Int, Int, Int), days: Int, expected: (Int, Int, Int)) {
        let from = jalali(start.0, start.1, start.2)
        let to = jalali(expected.0, expected.1, expected.2)
        #expect(from.adding(days: days) == to)
        #expect(from.days(to: to) == days)
        #expect(to.days(to: from) == -days)
    }

    @Test("Formatting in Persian digits and month names")
    func formatting() {
        #expect(jalali(1403, 12, 30).formatted == "۱۴۰۳/۱۲/۳۰")
        #expect(jalali(1404, 1, 5).formatted == "۱۴۰۴/۰۱/۰۵")
        #expect(jalali(1403, 12, 30).longFormatted == "۳۰ اسفند ۱۴۰۳")
        #expect(jalali(1404, 1, 5).longFormatted == "۵ فروردین ۱۴۰۴")
        #expect(jalali(1404, 8, 10).monthName == "آبان")
        #expect(jalali(1404, 1, 5).description == "1404-01-05")
        #expect("\(jalali(1403, 12, 30))" == "1403-12-30")
        #expect(
            JalaliDate.monthNames == [
                "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
                "بهمن", "اسفند",
            ])
    }

    @Test(
        "parse accepts every digit system and separator",
        arguments: [
            ("۱۴۰۳/۱۲/۳۰", (1403, 12, 30)),
            ("1403-12-30", (1403, 12, 30)),
            ("١٤٠٣/١٢/٣٠", (1403, 12, 30)),
            ("۱۴۰۳.۱.۵", (1403, 1, 5)),
            ("1403 1 5", (1403, 1, 5)),
            ("  ۱۴۰۴ / ۰۲ / ۰۹  ", (1404, 2, 9)),
            ("۱۴۰۴،۲،۹", (1404, 2, 9)),
            ("۱۴۰۴٫۲٫۹", (1404, 2, 9)),
            ("۱۴۰۴\u{200C}۲\u{200C}۹", (1404, 2, 9)),
            ("\u{200F}۱۴۰۴/۲/۹\u{200F}", (1404, 2, 9)),
            ("1404\\2\\9", (1404, 2, 9)),
            ("1404–2–9", (1404, 2, 9)),
            ("۱4٠۴/2/۹", (1404, 2, 9)),
        ])
    func parseValid(text: String, expected: (Int, Int, Int)) {
        #expect(JalaliDate.parse(text) == .success(jalali(expected.0, expected.1, expected.2)))
    }

    @Test(
        "parse reports why input is rejected",
        arguments: [
            ("", JalaliDate.ParseError.empty),
            ("   ", .empty),
            ("03/12/30", .yearNotFourDigits),
            ("۰۳/۱۲/۳۰", .yearNotFourDigits),
            ("0403/12/30", .yearNotFourDigits),
            ("1403/12", .invalidFormat),
            ("1403/12/30/1", .invalidFormat),
            ("14031230", .invalidFormat),
            ("30/12/1403", .invalidFormat),
            ("1403/012/30", .invalidFormat),
            ("14030/12/30", .invalidFormat),
            ("1403/12/30 ب.ظ", .invalidFormat),
            ("1403a12a30", .invalidFormat),
            ("//", .invalidFormat),
            ("1403/13/01", .monthOutOfRange(13)),
            ("1403/0/01", .monthOutOfRange(0)),
            ("1404/12/30", .dayOutOfRange(year: 1404, month: 12, daysInMonth: 29)),
            ("1404/7/31", .dayOutOfRange(year: 1404, month: 7, daysInMonth: 30)),
            ("1404/1/0", .dayOutOfRange(year: 1404, month: 1, daysInMonth: 31)),
        ])
    func parseInvalid(text: String, expected: JalaliDate.ParseError) {
        #expect(JalaliDate.parse(text) == .failure(expected))
    }

    @Test("Parse errors have Persian messages")
    func parseMessages() {
        #expect(
            JalaliDate.ParseError.dayOutOfRange(year: 1404, month: 12, daysInMonth: 29).persianMessage
                == "اسفند سال ۱۴۰۴ ۲۹ روز دارد")
        #expect(
            JalaliDate.ParseError.dayOutOfRange(year: 1403, month: 7, daysInMonth: 30).persianMessage
                == "مهر سال ۱۴۰۳ ۳۰ روز دارد")
        #expect(
            JalaliDate.ParseError.invalidFormat.persianMessage.hasPrefix("تاریخ وارد شده معتبر نیست"))
        #expect(JalaliDate.ParseError.empty.persianMessage == "تاریخ وارد نشده است")
        #expect(
            JalaliDate.ParseError.yearNotFourDigits.persianMessage
                == "سال را به صورت چهاررقمی وارد کنید، مانند ۱۴۰۳")
        #expect(
            JalaliDate.ParseError.monthOutOfRange(13).persianMessage == "ماه باید عددی بین ۱ تا ۱۲ باشد")
    }

    @Test("Codable as the ASCII string and validated on decoding")
    func codable() throws {
        let data = try JSONEncoder().encode([jalali(1403, 12, 30)])
        #expect(String(decoding: data, as: UTF8.self) == #"["1403-12-30"]"#)
        #expect(try JSONDecoder().decode([JalaliDate].self, from: data) == [jalali(1403, 12, 30)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([JalaliDate].self, from: Data(#"["1404-12-30"]"#.utf8))
        }
    }

    private static let utcGregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private func nextGregorianDay(after parts: DateComponents) -> DateComponents {
        let date = Self.utcGregorian.date(from: parts)!.addingTimeInterval(86_400)
        return Self.utcGregorian.dateComponents([.year, .month, .day], from: date)
    }

    private func ymd(_ parts: DateComponents) -> [Int?] {
        [parts.year, parts.month, parts.day]
    }
}
