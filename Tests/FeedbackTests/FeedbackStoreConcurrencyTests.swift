import Feedback
import Foundation
import MizSchema
import MizStorageTesting
import Testing

/// Two feedback instances over one database: each check-then-insert and each outbox claim
/// holds across instances, not only within one process.
@Suite("Feedback store: two instances over one database")
struct FeedbackStoreConcurrencyTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func survey(_ requestId: String, key: String? = nil) -> SurveyRecord {
        SurveyRecord(
            requestId: requestId, processNumber: "1405-23-000123", serviceCode: "grazing-licence", province: "tehran",
            ownerNationalCode: "0012345679", answers: goodAnswers(), submittedAt: now, updatedAt: now)
    }

    func complaint(_ trackingNumber: String, requestId: String = "req-1") -> ComplaintRecord {
        ComplaintRecord(
            trackingNumber: trackingNumber, requestId: requestId, processNumber: "1405-23-000123",
            serviceCode: "grazing-licence", province: "tehran", ownerNationalCode: "0012345679",
            applicantMobile: "09121234567", text: "پاسخ درخواست من بدون دلیل رد شد", attachment: nil, createdAt: now,
            dueAt: now.addingTimeInterval(7 * 86_400))
    }

    func message(_ number: String) -> FeedbackMessage {
        FeedbackMessage(
            messageNumber: number, kind: .suggestion, serviceCode: nil, province: "tehran", contactMobile: nil,
            text: "پیشنهاد", status: .new, createdAt: now, closedAt: nil)
    }

    /// Runs `body` on alternating stores, eight times at once, and returns what each call gave.
    func race<T: Sendable>(
        _ first: any FeedbackStore, _ second: any FeedbackStore, times: Int = 8,
        _ body: @escaping @Sendable (any FeedbackStore, Int) async throws -> T
    ) async -> [Result<T, any Error>] {
        await withTaskGroup(of: Result<T, any Error>.self) { group in
            for index in 0..<times {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask {
                    do { return .success(try await body(store, index)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("one survey per request, however many instances submit it at once", arguments: StoreKind.allCases)
    func oneSurvey(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            try await fixture.withSecondStore { second in
                let survey = survey("req-1")
                let results = await race(fixture.store, second) { store, _ in
                    try await store.insertSurvey(survey, idempotencyKey: nil)
                }
                #expect(results.filter { (try? $0.get()) != nil }.count == 1)
                #expect(
                    results.allSatisfy {
                        if case .failure(let error) = $0 { return error as? FeedbackStoreError == .surveyExists }
                        return true
                    })
                let stored = try await second.survey(requestId: "req-1")
                #expect(stored == survey)
            }
        }
    }

    @Test("one open complaint per request, and one idempotency key stores one", arguments: StoreKind.allCases)
    func oneOpenComplaint(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            try await fixture.withSecondStore { second in
                let results = await race(fixture.store, second) { store, index in
                    try await store.insertComplaint(
                        complaint("C-\(index)"), attachment: Data("%PDF-1.4".utf8), idempotencyKey: nil)
                }
                let stored = results.compactMap { try? $0.get() }
                #expect(stored.count == 1)
                #expect(
                    results.allSatisfy {
                        if case .failure(let error) = $0 {
                            return error as? FeedbackStoreError == .openComplaintExists
                        }
                        return true
                    })
                let winner = try #require(stored.first)
                #expect(try await second.attachment(trackingNumber: winner.trackingNumber) == Data("%PDF-1.4".utf8))

                let keyed = await race(fixture.store, second) { store, index in
                    try await store.insertComplaint(
                        complaint("K-\(index)", requestId: "req-2"), attachment: nil, idempotencyKey: "tap-twice")
                }
                let numbers = Set(keyed.compactMap { try? $0.get().trackingNumber })
                #expect(keyed.allSatisfy { (try? $0.get()) != nil }, "every retry returns the stored complaint")
                #expect(numbers.count == 1)
                #expect(
                    try await fixture.store.complaints(ComplaintFilter(), offset: 0, limit: 50).total == 2)
            }
        }
    }

    @Test("a sender's limit holds across instances; a challenge token is spent once", arguments: StoreKind.allCases)
    func rateLimitAcrossInstances(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            try await fixture.withSecondStore { second in
                let window = now.addingTimeInterval(-3600)
                let results = await race(fixture.store, second, times: 10) { store, index in
                    try await store.insertMessage(
                        message("M-\(index)"), clientKey: "sender-a", windowStart: window, limit: 3, hardLimit: 6,
                        spending: nil, idempotencyKey: nil)
                }
                #expect(results.filter { (try? $0.get()) != nil }.count == 3)
                #expect(
                    results.filter {
                        if case .failure(let error) = $0 {
                            return error as? FeedbackStoreError == .rateLimited(challengeAllowed: true)
                        }
                        return false
                    }.count == 7)

                let token = (nonce: "nonce-1", expiresAt: now.addingTimeInterval(600))
                let spent = await race(fixture.store, second, times: 6) { store, index in
                    try await store.insertMessage(
                        message("S-\(index)"), clientKey: "sender-b-\(index)", windowStart: window, limit: 0,
                        hardLimit: 6, spending: token, idempotencyKey: nil)
                }
                #expect(spent.filter { (try? $0.get()) != nil }.count == 1)
                #expect(
                    spent.filter {
                        if case .failure(let error) = $0 { return error as? FeedbackStoreError == .challengeSpent }
                        return false
                    }.count == 5)
            }
        }
    }

    @Test("two relays claiming at once never take one outbox entry twice", arguments: StoreKind.allCases)
    func outboxClaimsDoNotOverlap(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            for index in 0..<20 {
                _ = try await fixture.store.insertComplaint(
                    complaint("O-\(index)", requestId: "req-o-\(index)"), attachment: nil, idempotencyKey: nil)
                _ = try await fixture.store.answer(
                    trackingNumber: "O-\(index)", answer: "بررسی شد", staffId: "official-tehran", now: now,
                    notification: NotifierSendRequest(
                        eventId: "feedback:O-\(index):answered", recipient: "09121234567",
                        template: .complaintAnswered, parameters: [:]))
            }
            try await fixture.withSecondStore { second in
                let results = await race(fixture.store, second) { store, _ in
                    try await store.claimOutbox(now: now, limit: 3, lease: 60)
                }
                let claimed = try results.flatMap { try $0.get() }
                #expect(claimed.count == 20)
                #expect(Set(claimed.map(\.request.eventId)).count == 20, "no entry claimed twice")
                #expect(try await second.claimOutbox(now: now, limit: 10, lease: 60).isEmpty)
                #expect(try await second.nextOutboxWake() == now.addingTimeInterval(60))
            }
        }
    }
}
