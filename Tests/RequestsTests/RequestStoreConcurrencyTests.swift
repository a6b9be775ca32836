import Foundation
import Logging
import MizPersian
import MizSchema
import MizStorageTesting
import Requests
import Testing

/// Two requests instances over one database: each lock of the store holds across instances,
/// not only within one process.
@Suite("Requests store: two instances over one database")
struct RequestStoreConcurrencyTests {
    @Test("submits through two instances at once draw distinct process numbers", arguments: StoreKind.allCases)
    func distinctProcessNumbers(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            try await fixture.withSecondStore { second in
                let secondRoutes = RequestsRoutes(
                    store: second, upstream: fixture.upstream, signal: fixture.signal, now: { fixture.clock.now })
                let (submission, files) = try await fixture.valid()
                let caller = Citizens.ali.caller
                let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<16 {
                        group.addTask {
                            let routes = index.isMultiple(of: 2) ? fixture.routes : secondRoutes
                            return try await routes.submit(
                                submission, caller: caller, idempotencyKey: nil, attachments: files,
                                logger: .init(label: "requests-tests")
                            ).processNumber
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let year = JalaliDate(gregorian: fixture.clock.now).year
                #expect(
                    Set(numbers) == Set((1...16).map { String(format: "\(year)-\(Province.tehran.number)-%06d", $0) }))
                #expect(try await fixture.allRequests().total == 16)
                #expect(try await second.outboxCounts() == ["pending": 16])
            }
        }
    }

    @Test("one idempotency key sent to two instances at once makes one request", arguments: StoreKind.allCases)
    func oneKeyTwoInstances(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            try await fixture.withSecondStore { second in
                let secondRoutes = RequestsRoutes(
                    store: second, upstream: fixture.upstream, signal: fixture.signal, now: { fixture.clock.now })
                let (submission, files) = try await fixture.valid()
                let caller = Citizens.ali.caller
                let receipts = try await withThrowingTaskGroup(of: RequestReceipt.self) { group in
                    for index in 0..<10 {
                        group.addTask {
                            let routes = index.isMultiple(of: 2) ? fixture.routes : secondRoutes
                            return try await routes.submit(
                                submission, caller: caller, idempotencyKey: "double-tap", attachments: files,
                                logger: .init(label: "requests-tests"))
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(Set(receipts.map(\.requestId)).count == 1, "every call returns the one request")
                #expect(Set(receipts.map(\.processNumber)).count == 1)
                #expect(try await fixture.allRequests().total == 1)
                #expect(try await second.outboxCounts() == ["pending": 1], "one SMS event, not ten")
                let id = try #require(receipts.first?.requestId)
                #expect(try await fixture.store.documents(requestId: id).count == files.count)
            }
        }
    }

    @Test("two relays over one outbox never send one event twice", arguments: StoreKind.allCases)
    func twoRelaysShareTheOutbox(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            var expected: Set<String> = []
            for index in 0..<30 {
                let receipt = try await fixture.submitValid(
                    citizen: index.isMultiple(of: 2) ? Citizens.ali : Citizens.fatemeh)
                expected.insert("requests:\(receipt.processNumber):received")
            }
            try await fixture.withSecondStore { second in
                let secondRelay = RequestsFixture.relay(
                    store: second, upstream: fixture.upstream, signal: fixture.signal, clock: fixture.clock)
                let attempts = await withTaskGroup(of: Int.self) { group in
                    for relay in [fixture.relay, secondRelay, fixture.relay, secondRelay] {
                        group.addTask { await relay.relayDue() }
                    }
                    return await group.reduce(0, +)
                }
                #expect(attempts == 30, "each event attempted once across both relays")
                let sent = fixture.upstream.sentEventIds
                #expect(sent.count == 30 && Set(sent) == expected, "each event sent once")
                let counts = try await second.outboxCounts()
                #expect(counts == ["sent": 30])
                #expect(await secondRelay.relayDue() == 0)
            }
        }
    }
}
