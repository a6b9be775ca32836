import Foundation
import MizSchema
import MizStorageTesting
import Notifier
import Testing

@Suite("notifier.send: validation, templates, idempotency, rate limit, dev inbox (file provider)")
struct NotifierSendTests {
    @Test(
        "an SMS is sent exactly once when notifier.send is retried with the same event id",
        arguments: StoreKind.allCases)
    func sentOnceForRepeatedEventId(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            let first = try await fixture.send(receivedRequest("requests:1405-23-000123:received"))
            #expect(first.duplicate == false && first.status == .queued)
            let repeats = try await withThrowingTaskGroup(of: NotifierReceipt.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await fixture.send(receivedRequest("requests:1405-23-000123:received")) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(repeats.allSatisfy { $0.duplicate && $0.messageId == first.messageId })
            await fixture.relay.deliverDue()
            _ = try await fixture.send(receivedRequest("requests:1405-23-000123:received"))
            await fixture.relay.deliverDue()
            let lines = try fixture.fileProvider.lines()
            #expect(lines.count == 1)
            #expect(lines.first?.to == "09121234567")
            let receipt = try await fixture.routes.status(
                NotifierStatusRequest(eventId: "requests:1405-23-000123:received"))
            #expect(receipt.status == .delivered && receipt.attempts == 1 && receipt.deliveredAt != nil)
        }
    }

    @Test("an event id reused for another message is a conflict", arguments: StoreKind.allCases)
    func eventIdReuseConflicts(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            _ = try await fixture.send(receivedRequest("e-1"))
            let error = await busError { try await fixture.send(receivedRequest("e-1", to: "09351234567")) }
            #expect(error?.code == .conflict)
        }
    }

    @Test("malformed requests get one Persian problem per field", arguments: StoreKind.allCases)
    func formatErrors(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind) { fixture in
            let bad = NotifierSendRequest(
                eventId: " ", recipient: "0999123", template: .requestReceived,
                parameters: ["processNumber": "1405-23-000123", "colour": "blue"])
            let error = try #require(await busError { try await fixture.send(bad) })
            #expect(error.code == .invalidInput)
            #expect(
                Set(error.fields.map(\.field)) == [
                    "eventId", "recipient", "parameters.trackingCode", "parameters.colour",
                ])
            let version = NotifierSendRequest(
                eventId: "e", recipient: "09121234567", template: .loginCode, parameters: ["code": "123456"],
                templateVersion: 99)
            #expect(await busError { try await fixture.send(version) }?.fields.map(\.field) == ["templateVersion"])
        }
    }

    @Test("every event kind has a Persian template; identifiers are isolated left-to-right in Persian digits")
    func templates() async throws {
        for kind in NotificationKind.allCases {
            let template = try #require(NotificationTemplates.template(kind))
            #expect(template.version >= 1)
            #expect(NotificationTemplates.template(kind, version: 1) != nil)
        }
        let text = try #require(NotificationTemplates.template(.requestReceived)).render([
            "processNumber": "1405-23-000123", "trackingCode": "K7P2-9QXM",
        ])
        #expect(text.contains("\u{2066}۱۴۰۵-۲۳-۰۰۰۱۲۳\u{2069}"))
        #expect(text.contains("کد رهگیری"))
        let code = try #require(NotificationTemplates.template(.loginCode)).render(["code": "482913"])
        #expect(code.contains("482913"))
    }

    @Test(
        "a recipient over the hourly limit gets a message marked failed with rateLimited, not dropped",
        arguments: StoreKind.allCases)
    func rateLimited(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind, hourlyLimit: 3) { fixture in
            for index in 1...3 {
                #expect(try await fixture.send(receivedRequest("r-\(index)")).status == .queued)
            }
            let limited = try await fixture.send(receivedRequest("r-4"))
            #expect(limited.status == .failed && limited.failureReason == .rateLimited)
            #expect(try await fixture.send(receivedRequest("other", to: "09351234567")).status == .queued)
            await fixture.relay.deliverDue()
            #expect(try fixture.fileProvider.lines().count == 4)
            #expect(try await fixture.routes.status(NotifierStatusRequest(eventId: "r-4")).status == .failed)
        }
    }

    @Test(
        "notifier.devInbox is forbidden outside development mode and lists the latest messages in it",
        arguments: StoreKind.allCases)
    func devInbox(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind, development: false) { production in
            #expect(
                await busError { try await production.routes.devInbox(NotifierDevInboxRequest()) }?.code == .forbidden)
            try await NotifierFixture.with(kind) { development in
                _ = try await development.send(
                    NotifierSendRequest(
                        eventId: "login-1", recipient: "۰۹۱۲۱۲۳۴۵۶۷", template: .loginCode,
                        parameters: ["code": "482913"]))
                _ = try await development.send(receivedRequest("r-1"))
                await development.relay.deliverDue()
                let inbox = try await development.routes.devInbox(NotifierDevInboxRequest(limit: 10))
                #expect(inbox.messages.map(\.eventId) == ["r-1", "login-1"])
                #expect(inbox.messages.allSatisfy { $0.status == .delivered })
                #expect(inbox.messages[1].text.contains("482913"))
            }
        }
    }

    @Test(
        "the running relay is woken by notifier.send, without waiting for its idle check", arguments: StoreKind.allCases
    )
    func relayWakesOnSend(kind: StoreKind) async throws {
        try await NotifierFixture.with(kind, policy: RelayPolicy(idleCheck: .seconds(600))) { fixture in
            let relay = fixture.relay
            let running = Task { await relay.deliverUntilCancelled() }
            try await Task.sleep(for: .milliseconds(100))
            _ = try await fixture.send(receivedRequest("wake-1"))
            let receipt = try await fixture.settled("wake-1", within: .seconds(5))
            running.cancel()
            await running.value
            #expect(receipt.status == .delivered)
        }
    }
}
