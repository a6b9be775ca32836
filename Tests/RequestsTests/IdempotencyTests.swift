import Foundation
import MizSchema
import MizStorageTesting
import Requests
import Testing

@Suite("Idempotency: a double submit makes one request")
struct IdempotencyTests {
    @Test("the same key, sent again and concurrently, returns the first receipt", arguments: StoreKind.allCases)
    func doubleSubmit(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let (submission, files) = try await fixture.valid()
            let first = try await fixture.submit(submission, files: files, key: "submit-1")
            let again = try await withThrowingTaskGroup(of: RequestReceipt.self) { group in
                for _ in 0..<6 { group.addTask { try await fixture.submit(submission, files: files, key: "submit-1") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(again.allSatisfy { $0 == first })
            #expect(try await fixture.allRequests().total == 1)
            #expect(try await fixture.store.outboxCounts() == ["pending": 1])
            _ = try await fixture.submit(submission, files: files, key: "submit-2")
            #expect(try await fixture.allRequests().total == 2)
        }
    }

    @Test(
        "a key reused for another submission is a conflict; another citizen's same key is theirs",
        arguments: StoreKind.allCases)
    func keyReused(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let (base, files) = try await fixture.valid()
            var submission = base
            _ = try await fixture.submit(submission, files: files, key: "k")
            submission.fields["quantity"] = "99"
            #expect(await busError { try await fixture.submit(submission, files: files, key: "k") }?.code == .conflict)
            _ = try await fixture.submitValid(citizen: Citizens.fatemeh, key: "k")
            #expect(try await fixture.allRequests().total == 2)
        }
    }

    @Test("a repeated claim with its key returns the request instead of a conflict", arguments: StoreKind.allCases)
    func repeatedAction(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let id = try await fixture.submitValid().requestId
            let first = try await fixture.routes.claim(
                RequestReference(requestId: id), caller: Staff.tehran, idempotencyKey: "c1")
            let again = try await fixture.routes.claim(
                RequestReference(requestId: id), caller: Staff.tehran, idempotencyKey: "c1")
            #expect(first.summary == again.summary && again.history.count == 2)
        }
    }
}
