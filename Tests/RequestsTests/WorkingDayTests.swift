import Foundation
import MizPersian
import MizSchema
import MizStorageTesting
import Requests
import Testing

@Suite("Due dates in working days: Fridays and official holidays skipped")
struct WorkingDayTests {
    func day(_ year: Int, _ month: Int, _ day: Int) throws -> JalaliDate {
        try #require(JalaliDate(year: year, month: month, day: day))
    }

    @Test("a Wednesday submission with 3 working days skips Friday")
    func skipsFriday() throws {
        var wednesday = try day(1405, 8, 20)
        while wednesday.weekday != .wednesday { wednesday = wednesday.adding(days: 1) }
        let due = WorkingCalendar(holidays: []).dueDate(
            submittedAt: wednesday.startOfDay().addingTimeInterval(10 * 3600), workingDays: 3)
        // Thursday, (Friday off), Saturday, Sunday: due at the end of Sunday.
        #expect(wednesday.adding(days: 4).weekday == .sunday)
        #expect(due == wednesday.adding(days: 5).startOfDay())
        let thursdayDue = WorkingCalendar(holidays: []).dueDate(
            submittedAt: wednesday.adding(days: 1).startOfDay().addingTimeInterval(3600), workingDays: 1)
        #expect(thursdayDue == wednesday.adding(days: 4).startOfDay(), "Friday is skipped, Saturday counts")
    }

    @Test("holidays of the list are skipped like Fridays; Nowruz pushes a due date past the fourth of Farvardin")
    func skipsHolidays() throws {
        let submitted = try day(1404, 12, 27)
        let holidays: Set<JalaliDate> = [
            try day(1404, 12, 29), try day(1405, 1, 1), try day(1405, 1, 2), try day(1405, 1, 3), try day(1405, 1, 4),
        ]
        let calendar = WorkingCalendar(holidays: holidays)
        let due = calendar.dueDate(submittedAt: submitted.startOfDay().addingTimeInterval(3600), workingDays: 2)
        var expected = try day(1404, 12, 27)
        var counted = 0
        while counted < 2 {
            expected = expected.adding(days: 1)
            if expected.weekday != .friday && !holidays.contains(expected) { counted += 1 }
        }
        #expect(due == expected.adding(days: 1).startOfDay())
        #expect(expected > (try day(1405, 1, 4)))
        let withoutHolidays = WorkingCalendar(holidays: []).dueDate(
            submittedAt: submitted.startOfDay().addingTimeInterval(3600), workingDays: 2)
        #expect(withoutHolidays < due)
    }

    @Test("administrators edit the holiday list; a new holiday moves the next due date; officials cannot edit")
    func editableList() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let seeded = try await fixture.routes.holidays(HolidayListQuery(year: 1405), caller: Staff.tehran)
        #expect(seeded.holidays.contains { $0.date == "1405-01-01" })
        let before = try await fixture.submitValid()
        let today = JalaliDate(gregorian: fixture.clock.now)
        var added: [JalaliDate] = []
        var next = today
        for _ in 0..<12 {
            next = next.adding(days: 1)
            added.append(next)
            _ = try await fixture.routes.addHoliday(
                Holiday(date: PersianDigits.display(next.description), title: "تعطیلی آزمایشی"),
                caller: Staff.administrator)
        }
        let after = try await fixture.submitValid()
        #expect(after.dueAt.timeIntervalSince(before.dueAt) >= 12 * 86_400 - 3600)
        #expect(
            await busError {
                try await fixture.routes.addHoliday(Holiday(date: "1405-09-09", title: "x"), caller: Staff.tehran)
            }?.code == .forbidden)
        #expect(
            await busError {
                try await fixture.routes.addHoliday(
                    Holiday(date: "1405-13-01", title: "x"), caller: Staff.administrator)
            }?.fields.map(\.field) == ["date"])
        let removed = try await fixture.routes.removeHoliday(
            Holiday(date: added[0].description, title: ""), caller: Staff.administrator)
        #expect(!removed.holidays.contains { $0.date == added[0].description })
    }
}
