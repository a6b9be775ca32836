import Foundation
import Logging
import Metrics
import MizBus
import MizRuntime
import MizSchema
import ServiceLifecycle

/// Hands the outbox to the notifier: claims due events, calls `notifier.send` with each
/// event's id, and records the outcome: acknowledged, retried later with backoff (the
/// notifier is down or busy), or failed (the notifier refused it for good).
///
/// It wakes on an `WakeSignal` raised by the routes and otherwise sleeps until the next
/// retry is due, so nothing polls. The notifier de-duplicates by event id, so an event sent
/// again after a lost acknowledgement is never texted twice.
package struct OutboxRelay: Service {
    package let store: any RequestStore
    package let upstream: any RequestsUpstream
    package let policy: OutboxPolicy
    package let signal: WakeSignal
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// A relay over `store` sending through `upstream`.
    package init(
        store: any RequestStore, upstream: any RequestsUpstream, policy: OutboxPolicy = OutboxPolicy(),
        signal: WakeSignal, logger: Logger = Logger(label: "miz.requests.outbox"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.upstream = upstream
        self.policy = policy
        self.signal = signal
        self.logger = logger
        self.now = now
    }

    package func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.relayUntilCancelled()
        }
    }

    /// The relay's loop; returns when its task is cancelled.
    package func relayUntilCancelled() async {
        await signal.runRelay(
            idleCheck: policy.idleCheck, now: now, logger: logger, deliverDue: { await self.relayDue() },
            nextWake: { try await self.store.nextOutboxWake() })
    }

    /// Hands over every event due now, batch after batch, until none is left.
    ///
    /// - Returns: the number of attempts made.
    @discardableResult
    package func relayDue() async -> Int {
        await OutboxBatches.drain(
            claim: { try await store.claimOutbox(now: now(), limit: policy.batchSize, lease: policy.lease.seconds) },
            logger: logger, attempt: { await self.attempt($0) })
    }

    private func attempt(_ event: OutboxEvent) async {
        let result: OutboxAttemptResult
        do {
            _ = try await upstream.send(event.sendRequest)
            result = .acknowledged
        } catch let error as BusError where !error.code.isTransient && error.code != .internal {
            result = .failed(error: error.description)
        } catch {
            let wait = policy.backoff(afterAttempt: event.attempts)
            result = .retry(at: now().addingTimeInterval(wait.seconds), error: "\(error)")
        }
        let outcome: String =
            switch result {
            case .acknowledged: "acknowledged"
            case .retry: "retry"
            case .failed: "failed"
            }
        Counter(label: "miz_requests_outbox_attempts_total", dimensions: [("outcome", outcome)]).increment()
        logger.log(
            level: outcome == "acknowledged" ? .debug : .notice, "outbox attempt",
            metadata: [
                "miz.outbox.event_id": "\(event.eventId)", "miz.outbox.attempt": "\(event.attempts)",
                "miz.outbox.outcome": "\(outcome)",
            ])
        do {
            try await store.finishOutbox(id: event.id, result: result, now: now())
        } catch {
            // The lease runs out and the event is handed over again; the notifier drops the repeat.
            logger.error("cannot record an outbox attempt", metadata: ["miz.error": "\(error)"])
        }
    }
}
