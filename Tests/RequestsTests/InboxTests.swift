import Foundation
import MizPersian
import MizSchema
import MizStorageTesting
import Requests
import Testing

@Suite("The staff inbox: filters, due-date order, paging, counts")
struct InboxTests {
    @Test(
        "filters by status, service, date and overdue; sorted by due date; counts per status",
        arguments: StoreKind.allCases)
    func filtersAndCounts(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let quick = try await fixture.submitValid("forest-wood-transport-permit")
            let slow = try await fixture.submitValid("forest-seedling-request")
            let third = try await fixture.submitValid("forest-seedling-request")
            _ = try await fixture.submitValid("forest-seedling-request", province: "fars")
            _ = try await fixture.routes.claim(
                RequestReference(requestId: third.requestId), caller: Staff.tehran, idempotencyKey: nil)

            let all = try await fixture.routes.inbox(InboxQuery(), caller: Staff.tehran)
            #expect(all.total == 3 && all.items.first?.requestId == quick.requestId)
            #expect(zip(all.items, all.items.dropFirst()).allSatisfy { $0.dueAt <= $1.dueAt })
            #expect(all.counts == ["submitted": 2, "underReview": 1])
            let review = try await fixture.routes.inbox(InboxQuery(statuses: [.underReview]), caller: Staff.tehran)
            #expect(
                review.items.map(\.requestId) == [third.requestId] && review.items.first?.assignee == "official-tehran")
            let seedlings = try await fixture.routes.inbox(
                InboxQuery(serviceCode: "forest-seedling-request"), caller: Staff.tehran)
            #expect(Set(seedlings.items.map(\.requestId)) == [slow.requestId, third.requestId])
            #expect(seedlings.counts == ["submitted": 1, "underReview": 1])
            let page = try await fixture.routes.inbox(InboxQuery(page: 2, pageSize: 2), caller: Staff.tehran)
            #expect(page.items.count == 1 && page.total == 3)

            let today = PersianDigits.display(JalaliDate(gregorian: fixture.clock.now).description)
            #expect(
                try await fixture.routes.inbox(
                    InboxQuery(submittedFrom: today, submittedTo: today), caller: Staff.tehran
                )
                .total == 3)
            // The calendar's last day is a valid "to" date: every request, and the process stays up.
            #expect(
                try await fixture.routes.inbox(InboxQuery(submittedTo: "۹۹۹۹/۱۲/۲۹"), caller: Staff.tehran).total == 3)
            let tomorrow = JalaliDate(gregorian: fixture.clock.now).adding(days: 1).description
            #expect(
                try await fixture.routes.inbox(InboxQuery(submittedFrom: tomorrow), caller: Staff.tehran).total == 0)
            #expect(
                await busError {
                    try await fixture.routes.inbox(InboxQuery(submittedFrom: "۱۴۰۵/۱۴/۰۱"), caller: Staff.tehran)
                }?
                .fields.map(\.field) == ["submittedFrom"])
            #expect(
                await busError { try await fixture.routes.inbox(InboxQuery(pageSize: 500), caller: Staff.tehran) }?.code
                    == .invalidInput)

            #expect(try await fixture.routes.inbox(InboxQuery(overdueOnly: true), caller: Staff.tehran).total == 0)
            fixture.clock.advance(9 * 86_400)
            let overdue = try await fixture.routes.inbox(InboxQuery(overdueOnly: true), caller: Staff.tehran)
            #expect(overdue.items.map(\.requestId) == [quick.requestId] && overdue.items.allSatisfy(\.overdue))
        }
    }

    @Test("an inbox query left empty on the wire takes its defaults")
    func defaultsOnTheWire() throws {
        let query = try WireCoding.decoder.decode(InboxQuery.self, from: Data("{}".utf8))
        #expect(query == InboxQuery())
        let page = try WireCoding.decoder.decode(RequestListQuery.self, from: Data(#"{"page":3}"#.utf8))
        #expect(page == RequestListQuery(page: 3, pageSize: 20))
    }
}
