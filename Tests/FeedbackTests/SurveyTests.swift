import Feedback
import Foundation
import MizSchema
import MizStorageTesting
import Testing

@Suite("feedback surveys: ownership through the requests service, one per request, 7-day edit window")
struct SurveyTests {
    @Test(
        "a survey on someone else's request (wrong tracking code) is refused and nothing is stored",
        arguments: StoreKind.allCases)
    func wrongTrackingCodeRefused(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await wrongTrackingCodeRefused(fixture) }
    }

    /// `wrongTrackingCodeRefused(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func wrongTrackingCodeRefused(_ fixture: FeedbackFixture) async throws {
        let owned = fixture.decidedRequest()
        let request = SurveySubmitRequest(
            processNumber: "1405-23-000123", trackingCode: "WRONG-CODE", answers: goodAnswers())
        let error = try #require(
            await busError {
                try await fixture.routes.submitSurvey(request, caller: Callers.anonymous, idempotencyKey: nil)
            })
        #expect(error.code == .notFound)
        #expect(isPersian(error.message))
        #expect(fixture.lookup.callCount == 1)
        #expect(try await fixture.store.survey(requestId: owned.requestId) == nil)
        let stats = try await fixture.routes.statistics(FeedbackStatisticsQuery(), caller: Callers.administrator)
        #expect(stats.rows.isEmpty)
        let otherCitizen = await busError {
            try await fixture.routes.submitSurvey(
                SurveySubmitRequest(processNumber: "1405-23-000123", answers: goodAnswers()),
                caller: Callers.otherCitizen, idempotencyKey: nil)
        }
        #expect(otherCitizen?.code == .notFound)
        #expect(try await fixture.store.survey(requestId: owned.requestId) == nil)
    }

    @Test(
        "the owner's survey is stored once; a second one on the same request is a conflict",
        arguments: StoreKind.allCases)
    func secondSurveyConflicts(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await secondSurveyConflicts(fixture) }
    }

    /// `secondSurveyConflicts(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func secondSurveyConflicts(_ fixture: FeedbackFixture) async throws {
        fixture.decidedRequest()
        let first = try await fixture.routes.submitSurvey(
            SurveySubmitRequest(
                processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM",
                answers: goodAnswers(satisfaction: 5, comment: "  رسيدگي   سريع بود  ")),
            caller: Callers.anonymous, idempotencyKey: nil)
        #expect(first.processNumber == "1405-23-000123" && first.province == "tehran")
        #expect(first.answers.satisfaction == 5)
        #expect(first.answers.comment == "رسیدگی سریع بود")
        #expect(first.editableUntil == fixture.clock.now.addingTimeInterval(7 * 86_400))
        let second = await busError {
            try await fixture.routes.submitSurvey(
                SurveySubmitRequest(processNumber: "1405-23-000123", answers: goodAnswers(satisfaction: 1)),
                caller: Callers.citizen, idempotencyKey: nil)
        }
        #expect(second?.code == .conflict)
        let stored = try await fixture.routes.survey(
            SurveyQuery(processNumber: "1405-23-000123"), caller: Callers.citizen)
        #expect(stored.answers.satisfaction == 5)
    }

    @Test(
        "a retry with the same idempotency key returns the first survey instead of a conflict",
        arguments: StoreKind.allCases)
    func idempotentRetry(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await idempotentRetry(fixture) }
    }

    /// `idempotentRetry(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func idempotentRetry(_ fixture: FeedbackFixture) async throws {
        fixture.decidedRequest()
        let request = SurveySubmitRequest(
            processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", answers: goodAnswers())
        let first = try await fixture.routes.submitSurvey(
            request, caller: Callers.anonymous, idempotencyKey: "key-1")
        let again = try await fixture.routes.submitSurvey(
            request, caller: Callers.anonymous, idempotencyKey: "key-1")
        #expect(first == again)
    }

    @Test("the owner may edit the answers for 7 days, not after", arguments: StoreKind.allCases)
    func editWindow(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await editWindow(fixture) }
    }

    /// `editWindow(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func editWindow(_ fixture: FeedbackFixture) async throws {
        fixture.decidedRequest()
        _ = try await fixture.routes.submitSurvey(
            SurveySubmitRequest(processNumber: "1405-23-000123", answers: goodAnswers(satisfaction: 2)),
            caller: Callers.citizen, idempotencyKey: nil)
        fixture.clock.advance(days: 6.9)
        let edited = try await fixture.routes.editSurvey(
            SurveySubmitRequest(
                processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", answers: goodAnswers(satisfaction: 4)),
            caller: Callers.anonymous)
        #expect(edited.answers.satisfaction == 4)
        #expect(edited.updatedAt == fixture.clock.now)
        fixture.clock.advance(days: 0.2)
        let late = await busError {
            try await fixture.routes.editSurvey(
                SurveySubmitRequest(processNumber: "1405-23-000123", answers: goodAnswers(satisfaction: 1)),
                caller: Callers.citizen)
        }
        #expect(late?.code == .conflict)
        #expect(late.map { isPersian($0.message) } == true)
        let stored = try await fixture.routes.survey(
            SurveyQuery(processNumber: "1405-23-000123"), caller: Callers.citizen)
        #expect(stored.answers.satisfaction == 4)
        let someoneElse = await busError {
            try await fixture.routes.editSurvey(
                SurveySubmitRequest(processNumber: "1405-23-000123", answers: goodAnswers(satisfaction: 1)),
                caller: Callers.otherCitizen)
        }
        #expect(someoneElse?.code == .notFound)
    }

    @Test(
        "a survey waits for the decision or the due date; a withdrawn request has none", arguments: StoreKind.allCases)
    func eligibility(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await eligibility(fixture) }
    }

    /// `eligibility(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func eligibility(_ fixture: FeedbackFixture) async throws {
        fixture.lookup.add(
            processNumber: "1405-23-000200", trackingCode: "AAAA-BBBB", status: .underReview,
            submittedAt: fixture.clock.now.addingTimeInterval(-86_400),
            dueAt: fixture.clock.now.addingTimeInterval(86_400))
        fixture.lookup.add(
            processNumber: "1405-23-000201", trackingCode: "CCCC-DDDD", status: .withdrawn,
            submittedAt: fixture.clock.now.addingTimeInterval(-30 * 86_400),
            dueAt: fixture.clock.now.addingTimeInterval(-20 * 86_400))
        let early = SurveySubmitRequest(
            processNumber: "1405-23-000200", trackingCode: "AAAA-BBBB", answers: goodAnswers())
        #expect(
            await busError {
                try await fixture.routes.submitSurvey(early, caller: Callers.anonymous, idempotencyKey: nil)
            }?
            .code == .conflict)
        let withdrawn = SurveySubmitRequest(
            processNumber: "1405-23-000201", trackingCode: "CCCC-DDDD", answers: goodAnswers())
        #expect(
            await busError {
                try await fixture.routes.submitSurvey(withdrawn, caller: Callers.anonymous, idempotencyKey: nil)
            }?
            .code == .conflict)
        fixture.clock.advance(days: 1)
        let overdue = try await fixture.routes.submitSurvey(early, caller: Callers.anonymous, idempotencyKey: nil)
        #expect(overdue.processNumber == "1405-23-000200")
    }

    @Test(
        "bad answers get one Persian problem per field, and staff cannot answer for a citizen",
        arguments: StoreKind.allCases)
    func validation(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await validation(fixture) }
    }

    /// `validation(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func validation(_ fixture: FeedbackFixture) async throws {
        let owned = fixture.decidedRequest()
        let bad = SurveySubmitRequest(
            processNumber: " ", trackingCode: nil,
            answers: SurveyAnswers(
                satisfaction: 6, onTime: true, explanationClear: true, comment: String(repeating: "خ", count: 1001))
        )
        let error = try #require(
            await busError {
                try await fixture.routes.submitSurvey(bad, caller: Callers.anonymous, idempotencyKey: nil)
            })
        #expect(error.code == .invalidInput)
        #expect(
            Set(error.fields.map(\.field)) == [
                "processNumber", "trackingCode", "answers.satisfaction", "answers.comment",
            ])
        #expect(error.fields.allSatisfy { isPersian($0.message) })
        #expect(fixture.lookup.callCount == 0)
        let staff = await busError {
            try await fixture.routes.submitSurvey(
                SurveySubmitRequest(
                    processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", answers: goodAnswers()),
                caller: Callers.tehranOfficial, idempotencyKey: nil)
        }
        #expect(staff?.code == .forbidden)
        #expect(try await fixture.store.survey(requestId: owned.requestId) == nil)
    }
}
