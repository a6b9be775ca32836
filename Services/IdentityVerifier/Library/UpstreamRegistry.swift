import Foundation
import Logging
import MizPersian
import MizRuntime

/// The registries of a deployment: the civil registry and mobile-ownership web services over
/// HTTP (protocol in `UpstreamRegistryProtocol`), with a timeout per attempt, retries with
/// backoff (the lookups are idempotent), a circuit breaker shared by both endpoints and a
/// short cache of positive answers.
package final class UpstreamRegistry: IdentityRegistry {
    /// The settings in use.
    package let configuration: UpstreamRegistryConfiguration
    /// The breaker, visible to tests and metrics.
    package let breaker: CircuitBreaker
    private let transport: any JSONPostTransport
    private let people: PositiveAnswerCache<UpstreamRegistryProtocol.PersonQuery, RegistryRecord>
    private let ownership: PositiveAnswerCache<UpstreamRegistryProtocol.OwnershipQuery, Bool>
    private let logger: Logger

    /// A client of the upstream registries.
    package init(
        configuration: UpstreamRegistryConfiguration,
        transport: any JSONPostTransport = URLSessionJSONPostTransport(),
        logger: Logger = Logger(label: "miz.identity-verifier.upstream")
    ) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        breaker = CircuitBreaker(
            failureThreshold: configuration.failureThreshold, openDuration: configuration.openDuration)
        people = PositiveAnswerCache(lifetime: configuration.cacheLifetime, capacity: configuration.cacheCapacity)
        ownership = PositiveAnswerCache(lifetime: configuration.cacheLifetime, capacity: configuration.cacheCapacity)
    }

    package func person(nationalCode: NationalCode, birthDate: JalaliDate) async throws -> RegistryRecord? {
        let query = UpstreamRegistryProtocol.PersonQuery(
            nationalCode: nationalCode.digits, birthDate: birthDate.description)
        if let cached = people.value(for: query) { return cached }
        let answer: UpstreamRegistryProtocol.PersonAnswer = try await lookUp(
            configuration.registryURL, query,
            accept: { $0.match == false || ($0.firstName != nil && $0.lastName != nil) }
        )
        guard answer.match, let firstName = answer.firstName, let lastName = answer.lastName else { return nil }
        let record = RegistryRecord(firstName: firstName, lastName: lastName)
        people.store(record, for: query)
        return record
    }

    package func mobile(_ mobile: MobileNumber, belongsTo nationalCode: NationalCode) async throws -> Bool {
        let query = UpstreamRegistryProtocol.OwnershipQuery(nationalCode: nationalCode.digits, mobile: mobile.digits)
        if ownership.value(for: query) == true { return true }
        let answer: UpstreamRegistryProtocol.OwnershipAnswer = try await lookUp(
            configuration.mobileOwnershipURL, query, accept: { _ in true })
        if answer.owned { ownership.store(true, for: query) }
        return answer.owned
    }

    /// Ready unless the breaker has found the upstream down.
    package func isReady() async -> Bool { !breaker.isOpen }

    /// Posts `query` until an answer decodes and passes `accept`, or the attempts run out, or
    /// the breaker opens.
    ///
    /// - Throws: `RegistryUnavailable`, and `CancellationError` when the caller went away.
    private func lookUp<Query: Encodable & Sendable, Answer: Decodable>(
        _ url: URL, _ query: Query, accept: (Answer) -> Bool
    ) async throws -> Answer {
        let body = try JSONEncoder().encode(query)
        var headers: [String: String] = [:]
        if !configuration.apiKey.isEmpty { headers["Authorization"] = "Bearer \(configuration.apiKey)" }
        var reason = "no attempt made"
        for attempt in 1...configuration.attempts {
            if attempt > 1 {
                try await Task.sleep(for: configuration.backoff.delay(beforeRetry: attempt - 1))
            }
            guard breaker.permitsCall() else {
                throw RegistryUnavailable("circuit breaker open after repeated failures (last: \(reason))")
            }
            let reply: JSONPostReply
            do {
                reply = try await transport.post(url, body: body, headers: headers, timeout: configuration.timeout)
            } catch {
                try Task.checkCancellation()
                reason = "no answer: \(error)"
                breaker.recordFailure()
                logger.notice(
                    "upstream attempt failed", metadata: ["miz.attempt": "\(attempt)", "miz.reason": "\(reason)"])
                continue
            }
            switch reply.status {
            case 200..<300:
                if let answer = try? JSONDecoder().decode(Answer.self, from: reply.body), accept(answer) {
                    breaker.recordSuccess()
                    return answer
                }
                reason = "malformed body (\(reply.body.count) bytes)"
            case 429, 500...:
                reason = "status \(reply.status)"
            default:
                // A refusal (bad key, bad request) will not change on retry; it is still the
                // upstream's failure, not the applicant's.
                breaker.recordSuccess()
                throw RegistryUnavailable("refused with status \(reply.status)")
            }
            breaker.recordFailure()
            logger.notice(
                "upstream attempt failed", metadata: ["miz.attempt": "\(attempt)", "miz.reason": "\(reason)"])
        }
        throw RegistryUnavailable(reason)
    }
}
