import Foundation
import MizSchema
import MizStorageTesting
import Notifier
import Testing

@Suite("the http SMS provider against a fake provider server that fails")
struct HTTPProviderTests {
    func withProvider(
        _ kind: StoreKind, maximumAttempts: Int = 5, timeout: Duration = .seconds(2),
        body: (FakeSMSProvider, NotifierFixture) async throws -> Void
    ) async throws {
        let server = try await FakeSMSProvider.start()
        let provider = HTTPSMSProvider(url: server.url, key: "secret-key", timeout: timeout)
        do {
            try await NotifierFixture.with(
                kind, provider: provider,
                policy: RelayPolicy(
                    maximumAttempts: maximumAttempts, initialBackoff: .milliseconds(20),
                    maximumBackoff: .milliseconds(80))
            ) { fixture in
                let relay = fixture.relay
                let running = Task { await relay.deliverUntilCancelled() }
                do {
                    try await body(server, fixture)
                } catch {
                    running.cancel()
                    await running.value
                    throw error
                }
                running.cancel()
                await running.value
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("the provider failing twice then succeeding delivers the SMS once", arguments: StoreKind.allCases)
    func failsTwiceThenDeliversOnce(kind: StoreKind) async throws {
        try await withProvider(kind) { server, fixture in
            server.script([.status(500), .status(503)])
            _ = try await fixture.send(receivedRequest("http-1"))
            let receipt = try await fixture.settled("http-1")
            #expect(receipt.status == .delivered)
            #expect(receipt.attempts == 3)
            #expect(server.hits == 3)
            #expect(server.accepted.count == 1)
            #expect(server.accepted.first?.to == "+989121234567")
            #expect(server.accepted.first?.reference == "http-1")
            #expect(server.keys.allSatisfy { $0 == "Bearer secret-key" })
            let log = try await fixture.store.attemptLog(messageId: receipt.messageId).map(\.outcome)
            #expect(log == ["temporaryFailure", "temporaryFailure", "delivered"])
            // A retried send of the same event changes nothing.
            #expect(try await fixture.send(receivedRequest("http-1")).duplicate)
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.accepted.count == 1)
        }
    }

    @Test("a timeout is a temporary failure and is retried", arguments: StoreKind.allCases)
    func timeoutRetried(kind: StoreKind) async throws {
        try await withProvider(kind, timeout: .seconds(1)) { server, fixture in
            server.script([.delay(.seconds(4))])
            _ = try await fixture.send(receivedRequest("slow-1"))
            let receipt = try await fixture.settled("slow-1")
            // At least one attempt timed out and was retried; on a busy machine a later
            // attempt may time out too, so the count is a lower bound.
            #expect(receipt.status == .delivered)
            #expect(receipt.attempts >= 2)
        }
    }

    @Test("a refusal (400) fails the message at once with providerRejected", arguments: StoreKind.allCases)
    func permanentRefusal(kind: StoreKind) async throws {
        try await withProvider(kind) { server, fixture in
            server.script([], then: .status(400))
            _ = try await fixture.send(receivedRequest("bad-1"))
            let receipt = try await fixture.settled("bad-1")
            #expect(receipt.status == .failed && receipt.failureReason == .providerRejected)
            #expect(server.hits == 1)
        }
    }

    @Test(
        "a provider that keeps failing ends with retriesExhausted after the allowed attempts",
        arguments: StoreKind.allCases)
    func retriesExhausted(kind: StoreKind) async throws {
        try await withProvider(kind, maximumAttempts: 3) { server, fixture in
            server.script([], then: .status(502))
            _ = try await fixture.send(receivedRequest("down-1"))
            let receipt = try await fixture.settled("down-1")
            #expect(receipt.status == .failed && receipt.failureReason == .retriesExhausted)
            #expect(receipt.attempts == 3 && server.hits == 3)
        }
    }
}
