import Foundation
import MizSchema
import MizStorageTesting
import Notifier
import Requests
import Testing

@Suite("Outbox: every status change texted exactly once, through a notifier outage")
struct OutboxTests {
    @Test(
        "notifier down while 100 requests change status, then up: 100 notifier.send acknowledged, none twice",
        arguments: StoreKind.allCases)
    func outageThenRecovery(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            fixture.upstream.setNotifierUp(false)
            var receipts: [RequestReceipt] = []
            for index in 0..<100 {
                receipts.append(
                    try await fixture.submitValid(citizen: index.isMultiple(of: 2) ? Citizens.ali : Citizens.fatemeh))
            }
            #expect(await fixture.relay.relayDue() == 100)
            #expect(try await fixture.store.outboxCounts() == ["pending": 100])
            #expect(await fixture.relay.relayDue() == 0, "nothing is due again before its backoff")
            fixture.clock.advance(120)
            #expect(await fixture.relay.relayDue() == 100)
            #expect(try await fixture.store.outboxCounts() == ["pending": 100])

            fixture.upstream.setNotifierUp(true)
            fixture.clock.advance(120)
            #expect(await fixture.relay.relayDue() == 100)
            #expect(try await fixture.store.outboxCounts() == ["sent": 100])
            fixture.clock.advance(3600)
            #expect(await fixture.relay.relayDue() == 0)
            #expect(fixture.upstream.sends == 300)

            await fixture.notifierRelay.deliverDue()
            let lines = try fixture.smsFile.lines()
            #expect(lines.count == 100)
            #expect(Set(lines.map(\.eventId)) == Set(receipts.map { "requests:\($0.processNumber):received" }))
            #expect(lines.contains { $0.to == "09351234567" } && lines.contains { $0.to == "09121234567" })
            #expect(lines.allSatisfy { $0.text.contains("کد رهگیری") })
        }
    }

    @Test(
        "an acknowledgement lost after the send: the event goes again when its lease ends, the SMS does not",
        arguments: StoreKind.allCases)
    func lostAcknowledgement(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let receipt = try await fixture.submitValid()
            let claimed = try await fixture.store.claimOutbox(now: fixture.clock.now, limit: 10, lease: 30)
            #expect(claimed.count == 1)
            _ = try await fixture.upstream.send(try #require(claimed.first).sendRequest)
            #expect(await fixture.relay.relayDue() == 0, "leased to the relay that died")
            fixture.clock.advance(31)
            #expect(await fixture.relay.relayDue() == 1)
            await fixture.notifierRelay.deliverDue()
            #expect(try fixture.smsFile.lines().map(\.eventId) == ["requests:\(receipt.processNumber):received"])
        }
    }

    @Test(
        "fix requested and result ready are texted; the tracking code leaves the database once sent",
        arguments: StoreKind.allCases)
    func eventsOfChanges(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let receipt = try await fixture.submitValid()
            let id = receipt.requestId
            _ = try await fixture.routes.claim(
                RequestReference(requestId: id), caller: Staff.tehran, idempotencyKey: nil)
            _ = try await fixture.routes.askForFix(
                FixRequestSubmission(
                    requestId: id, fields: ["county"], documents: [], message: "نام شهرستان را کامل بنویسید"),
                caller: Staff.tehran, idempotencyKey: nil)
            _ = try await fixture.routes.submitFix(
                FixSubmission(requestId: id, fields: ["county": "شمیرانات"], documents: []),
                caller: Citizens.ali.caller,
                idempotencyKey: nil, attachments: [])
            _ = try await fixture.routes.claim(
                RequestReference(requestId: id), caller: Staff.tehran, idempotencyKey: nil)
            _ = try await fixture.routes.reject(
                RejectionSubmission(requestId: id, reasons: "محل کاشت در اراضی ملی نیست"), caller: Staff.tehran,
                idempotencyKey: nil)
            #expect(await fixture.relay.relayDue() == 3)
            await fixture.notifierRelay.deliverDue()
            let lines = try fixture.smsFile.lines()
            #expect(lines.count == 3)
            #expect(lines.contains { $0.eventId == "requests:\(receipt.processNumber):result" })
            #expect(lines.contains { $0.eventId == "requests:\(receipt.processNumber):fix-1" })

            let code = try #require(TrackingCode(parsing: receipt.trackingCode))
            var leaks: [String] = []
            for table in ["request", "formValue", "statusHistory", "fixRequest", "outbox", "audit", "idempotency"] {
                for row in try await fixture.rowsAsText(of: table)
                where row.contains(receipt.trackingCode) || row.contains(code.characters) {
                    leaks.append(table)
                }
            }
            #expect(leaks.isEmpty)
        }
    }

    @Test("the running relay wakes on a new event without waiting for its idle check", arguments: StoreKind.allCases)
    func wakesOnSignal(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let relay = OutboxRelay(
                store: fixture.store, upstream: fixture.upstream, policy: OutboxPolicy(idleCheck: .seconds(3600)),
                signal: fixture.signal)
            let task = Task { await relay.relayUntilCancelled() }
            defer { task.cancel() }
            _ = try await fixture.submitValid()
            let deadline = ContinuousClock.now + .seconds(20)
            while try await fixture.store.outboxCounts()["sent"] != 1, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(try await fixture.store.outboxCounts() == ["sent": 1])
        }
    }
}
