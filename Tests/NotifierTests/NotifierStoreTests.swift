import Foundation
import MizSchema
import MizStorageTesting
import Notifier
import Testing

/// The outbox shared by several notifier instances: each message is claimed by one relay at a
/// time, queued once per event id, and counted once against its recipient's hourly limit.
@Suite("Notifier store: several instances over one outbox")
struct NotifierStoreTests {
    /// A queued message for `eventId`.
    func message(_ eventId: String, to recipient: String = "09121234567") -> NewMessage {
        NewMessage(
            eventId: eventId, recipient: recipient, template: .requestReceived, templateVersion: 1,
            parameters: #"{"processNumber":"1405-23-000123","trackingCode":"K7P2-9QXM"}"#, body: "درخواست شما ثبت شد.")
    }

    @Test("instances claiming at once share the due messages, none claimed twice", arguments: StoreKind.allCases)
    func claimsDoNotOverlap(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            let now = Date()
            var queued: Set<Int64> = []
            for index in 0..<24 {
                let recipient = "0912\(String(format: "%07d", 1_000_000 + index))"
                let (stored, _) = try await fixture.store.enqueue(
                    message("claim-\(index)", to: recipient), hourlyLimit: 10, now: now)
                queued.insert(stored.id)
            }
            try await fixture.withSecondStore { second in
                let claims = try await withThrowingTaskGroup(of: [StoredMessage].self) { group in
                    for index in 0..<8 {
                        let store = index.isMultiple(of: 2) ? fixture.store : second
                        group.addTask { try await store.claimDue(now: now, limit: 4, lease: 60) }
                    }
                    return try await group.reduce(into: []) { $0.append(contentsOf: $1) }
                }
                #expect(claims.count == 24, "8 claims of 4 take all 24 messages")
                #expect(Set(claims.map(\.id)) == queued, "each message is claimed once")
                #expect(claims.allSatisfy { $0.status == .sending && $0.attempts == 1 })
                #expect(try await second.claimDue(now: now, limit: 10, lease: 60).isEmpty)
            }
        }
    }

    @Test("a claim runs out with its lease and the message is tried again", arguments: StoreKind.allCases)
    func leaseRunsOut(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            let (stored, _) = try await fixture.store.enqueue(message("lease-1"), hourlyLimit: 10, now: now)
            let first = try await fixture.store.claimDue(now: now, limit: 10, lease: 30)
            #expect(first.map(\.id) == [stored.id])
            #expect(try await fixture.store.nextWakeDate() == now.addingTimeInterval(30))
            try await fixture.withSecondStore { second in
                #expect(try await second.claimDue(now: now.addingTimeInterval(10), limit: 10, lease: 30).isEmpty)
                let again = try await second.claimDue(now: now.addingTimeInterval(31), limit: 10, lease: 30)
                #expect(again.map(\.id) == [stored.id])
                #expect(again.first?.attempts == 2)
            }
            try await fixture.store.finishAttempt(
                messageId: stored.id, result: .delivered(providerMessageId: "p-1"), now: now.addingTimeInterval(32))
            let delivered = try #require(try await fixture.store.message(eventId: "lease-1"))
            #expect(delivered.status == .delivered && delivered.deliveredAt == now.addingTimeInterval(32))
            #expect(try await fixture.store.attemptLog(messageId: stored.id).map(\.outcome) == ["delivered"])
            #expect(try await fixture.store.nextWakeDate() == nil)
        }
    }

    @Test("retries are due at their time, in order, and the attempt log keeps each one", arguments: StoreKind.allCases)
    func retriesAndLog(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            let (a, _) = try await fixture.store.enqueue(message("retry-a"), hourlyLimit: 10, now: now)
            let (b, _) = try await fixture.store.enqueue(
                message("retry-b", to: "09351234567"), hourlyLimit: 10, now: now.addingTimeInterval(1))
            #expect(
                try await fixture.store.claimDue(now: now.addingTimeInterval(1), limit: 10, lease: 60).map(\.id) == [
                    a.id, b.id,
                ])
            try await fixture.store.finishAttempt(
                messageId: a.id, result: .retry(at: now.addingTimeInterval(20), error: "503"),
                now: now.addingTimeInterval(2))
            try await fixture.store.finishAttempt(
                messageId: b.id, result: .retry(at: now.addingTimeInterval(10), error: "timeout"),
                now: now.addingTimeInterval(2))
            #expect(try await fixture.store.nextWakeDate() == now.addingTimeInterval(10))
            #expect(try await fixture.store.claimDue(now: now.addingTimeInterval(5), limit: 10, lease: 60).isEmpty)
            #expect(
                try await fixture.store.claimDue(now: now.addingTimeInterval(30), limit: 10, lease: 60).map(\.id) == [
                    b.id, a.id,
                ])
            try await fixture.store.finishAttempt(
                messageId: a.id, result: .failed(.providerRejected, error: "400"), now: now.addingTimeInterval(31))
            let log = try await fixture.store.attemptLog(messageId: a.id)
            #expect(log.map(\.attempt) == [1, 2])
            #expect(log.map(\.outcome) == ["temporaryFailure", "providerRejected"])
            #expect(log.map(\.error) == ["503", "400"])
            let failed = try #require(try await fixture.store.message(eventId: "retry-a"))
            #expect(failed.status == .failed && failed.failureReason == .providerRejected && failed.lastError == "400")
            #expect(try await fixture.store.latest(limit: 1).map(\.id) == [b.id])
        }
    }

    @Test("one event id queued from two instances at once is stored once", arguments: StoreKind.allCases)
    func concurrentEnqueueOnce(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            try await fixture.withSecondStore { second in
                let now = Date()
                let results = try await withThrowingTaskGroup(of: (Int64, Bool).self) { group in
                    for index in 0..<8 {
                        let store = index.isMultiple(of: 2) ? fixture.store : second
                        group.addTask {
                            let (stored, duplicate) = try await store.enqueue(
                                message("same-event"), hourlyLimit: 10, now: now)
                            return (stored.id, duplicate)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(Set(results.map(\.0)).count == 1)
                #expect(results.filter { !$0.1 }.count == 1, "exactly one call stored it")
                await #expect(throws: NotifierStoreError.eventIdReused) {
                    try await second.enqueue(message("same-event", to: "09351234567"), hourlyLimit: 10, now: now)
                }
                #expect(try await fixture.store.latest(limit: 10).count == 1)
            }
        }
    }

    @Test("the hourly limit holds when two instances queue for one person at once", arguments: StoreKind.allCases)
    func hourlyLimitAcrossInstances(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            try await fixture.withSecondStore { second in
                let now = Date()
                let statuses = try await withThrowingTaskGroup(of: StoredMessage.self) { group in
                    for index in 0..<8 {
                        let store = index.isMultiple(of: 2) ? fixture.store : second
                        group.addTask {
                            try await store.enqueue(message("limit-\(index)"), hourlyLimit: 3, now: now).0
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0.status == .queued }.count == 3)
                #expect(statuses.filter { $0.failureReason == .rateLimited }.count == 5)
            }
        }
    }
}
