import Foundation
import IdentityVerifier
import MizRuntime
import MizSchema
import MizStorageTesting
import Testing

@Suite("the upstream registry client against a fake server with faults")
struct UpstreamRegistryTests {
    static let people: [String: FakeUpstream.Person] = [
        "0012345679": .init(birthDate: "1370-05-12", firstName: "علی", lastName: "رضایی", mobile: "09121234567"),
        "0023456787": .init(birthDate: "1365-12-29", firstName: "فاطمه", lastName: "محمدی", mobile: "09351234567"),
    ]

    /// Runs `body` with a fresh fake server and a client of it.
    func withUpstream(
        timeout: Duration = .seconds(15), attempts: Int = 3, failureThreshold: Int = 50,
        body: (FakeUpstream, UpstreamRegistry, IdentityRoutes) async throws -> Void
    ) async throws {
        let server = try await FakeUpstream.start(people: Self.people)
        let registry = UpstreamRegistry(
            configuration: UpstreamRegistryConfiguration(
                registryURL: server.registryURL, mobileOwnershipURL: server.mobileURL, apiKey: "test-key",
                timeout: timeout, attempts: attempts,
                backoff: RetryBackoff(initial: .milliseconds(10), maximum: .milliseconds(40)),
                failureThreshold: failureThreshold, openDuration: .seconds(30)))
        do {
            try await body(server, registry, IdentityRoutes(registry: registry))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("a match is verified and cached: the second check asks nobody")
    func matchIsCached() async throws {
        try await withUpstream { server, _, routes in
            _ = try await routes.verifyApplicant(Demo.ali, logger: testLogger)
            #expect(server.registryHits == 1 && server.mobileHits == 1)
            _ = try await routes.verifyApplicant(Demo.ali, logger: testLogger)
            #expect(server.registryHits == 1 && server.mobileHits == 1)
        }
    }

    @Test("a mismatch and an unowned mobile give the seed's message and are never cached")
    func mismatchNotCached() async throws {
        try await withUpstream { server, _, routes in
            let wrong = with(Demo.ali) { $0.birthDate = "1370/05/13" }
            for expectedHits in 1...2 {
                let error = await busError { try await routes.verifyApplicant(wrong, logger: testLogger) }
                #expect(error == IdentityVerificationMessages.applicantInvalidError)
                #expect(server.registryHits == expectedHits)
            }
            let othersMobile = with(Demo.ali) { $0.mobile = Demo.fatemeh.mobile }
            for _ in 1...2 {
                let error = await busError { try await routes.verifyApplicant(othersMobile, logger: testLogger) }
                #expect(error == IdentityVerificationMessages.applicantInvalidError)
            }
            #expect(server.mobileHits == 2)
        }
    }

    @Test("5xx answers are retried with backoff and the lookup succeeds")
    func transientFailuresRetried() async throws {
        try await withUpstream { server, _, routes in
            server.script([.status(500), .status(503)])
            _ = try await routes.verifyApplicant(Demo.ali, logger: testLogger)
            #expect(server.registryHits == 3)
        }
    }

    @Test("a registry that keeps failing, times out or answers garbage gives unavailable, not a mismatch")
    func registryDownIsUnavailable() async throws {
        let faults: [(FakeUpstream.Behaviour, Duration)] = [
            (.status(502), .seconds(3)), (.delay(.milliseconds(1500)), .milliseconds(300)), (.malformed, .seconds(3)),
            (.status(429), .seconds(3)),
        ]
        for (fault, timeout) in faults {
            try await withUpstream(timeout: timeout, attempts: 2) { server, _, routes in
                server.script([], then: fault)
                let error = await busError { try await routes.verifyApplicant(Demo.ali, logger: testLogger) }
                #expect(error == IdentityVerificationMessages.registryUnavailableError, "\(fault)")
                #expect(server.registryHits == 2, "\(fault)")
            }
        }
    }

    @Test("a refusal such as 401 is not retried and is unavailable")
    func refusalNotRetried() async throws {
        try await withUpstream { server, _, routes in
            server.script([.status(401)])
            let error = await busError { try await routes.verifyApplicant(Demo.ali, logger: testLogger) }
            #expect(error?.code == .unavailable)
            #expect(server.registryHits == 1)
        }
    }

    @Test("the circuit breaker opens after repeated failures and then fails fast")
    func circuitBreakerOpens() async throws {
        try await withUpstream(attempts: 3, failureThreshold: 3) { server, registry, routes in
            server.script([], then: .status(500))
            let first = await busError { try await routes.verifyApplicant(Demo.ali, logger: testLogger) }
            #expect(first?.code == .unavailable)
            #expect(server.registryHits == 3)
            #expect(registry.breaker.isOpen)
            #expect(await registry.isReady() == false)
            let second = await busError { try await routes.verifyApplicant(Demo.ali, logger: testLogger) }
            #expect(second?.code == .unavailable)
            #expect(server.registryHits == 3)
        }
    }

    @Test("a half-open breaker lets one trial through and closes on success")
    func breakerHalfOpen() async throws {
        let breaker = CircuitBreaker(failureThreshold: 2, openDuration: .milliseconds(50))
        let start = ContinuousClock.now
        breaker.recordFailure(now: start)
        #expect(breaker.permitsCall(now: start))
        breaker.recordFailure(now: start)
        #expect(!breaker.permitsCall(now: start + .milliseconds(10)))
        #expect(breaker.permitsCall(now: start + .milliseconds(60)))
        #expect(!breaker.permitsCall(now: start + .milliseconds(61)))
        breaker.recordSuccess()
        #expect(breaker.permitsCall(now: start + .milliseconds(62)))
    }
}
