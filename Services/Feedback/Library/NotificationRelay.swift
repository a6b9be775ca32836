import Foundation
import Logging
import Metrics
import MizBus
import MizRuntime
import MizSchema
import ServiceLifecycle

/// Empties the outbox into `notifier.send`: claims due entries, hands each to the notifier
/// and records the outcome; a notifier that is down or slow is tried again with backoff until
/// it accepts, so no answered complaint goes without its SMS, and the notifier's de-duplication
/// by event id keeps a repeated delivery from sending a second SMS.
///
/// It wakes on a `WakeSignal` raised when an answer is stored and otherwise sleeps until the
/// next retry is due (or a lease runs out), so nothing polls. It stops on graceful shutdown.
package struct NotificationRelay: Service {
    package let store: any FeedbackStore
    package let sender: any NotificationSender
    package let signal: WakeSignal
    /// The first wait after a failure, doubled after each next one up to `maximumBackoff`.
    package let initialBackoff: Duration
    package let maximumBackoff: Duration
    /// How long a claimed entry is reserved for this relay.
    package let lease: Duration
    /// The longest sleep without a signal, as a safety net.
    package let idleCheck: Duration
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// A relay over `store` sending through `sender`.
    package init(
        store: any FeedbackStore, sender: any NotificationSender, signal: WakeSignal,
        initialBackoff: Duration = .seconds(5), maximumBackoff: Duration = .seconds(600),
        lease: Duration = .seconds(60),
        idleCheck: Duration = .seconds(60), logger: Logger = Logger(label: "miz.feedback.relay"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.sender = sender
        self.signal = signal
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.lease = lease
        self.idleCheck = idleCheck
        self.logger = logger
        self.now = now
    }

    package func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.deliverUntilCancelled()
        }
    }

    /// The relay's loop; returns when its task is cancelled.
    package func deliverUntilCancelled() async {
        await signal.runRelay(
            idleCheck: idleCheck, now: now, logger: logger, deliverDue: { await self.deliverDue() },
            nextWake: { try await self.store.nextOutboxWake() })
    }

    /// Hands every entry due now to the notifier, batch after batch, until none is left.
    ///
    /// - Returns: the number of attempts made.
    @discardableResult
    package func deliverDue() async -> Int {
        await OutboxBatches.drain(
            claim: { try await store.claimOutbox(now: now(), limit: 16, lease: lease.seconds) },
            concurrently: false, logger: logger, attempt: { await self.attempt($0) })
    }

    private func attempt(_ entry: OutboxEntry) async {
        let outcome: Result<NotifierReceipt, any Error>
        do {
            outcome = .success(try await sender.send(entry.request))
        } catch {
            outcome = .failure(error)
        }
        let event = entry.request.eventId
        do {
            switch outcome {
            case .success(let receipt):
                try await store.outboxDelivered(id: entry.id, now: now())
                Self.count("accepted")
                logger.info(
                    "notification accepted",
                    metadata: ["miz.feedback.event": "\(event)", "miz.notifier.message_id": "\(receipt.messageId)"])
            case .failure(let error as BusError) where !error.code.isTransient && error.code != .internal:
                // The notifier refused the request itself (a malformed mobile, say): retrying
                // cannot help, so the entry is given up and an operator reads why in the log.
                try await store.outboxFailed(id: entry.id, error: error.description, retryAt: nil)
                Self.count("refused")
                logger.error(
                    "notification refused", metadata: ["miz.feedback.event": "\(event)", "miz.error": "\(error)"])
            case .failure(let error):
                let retryAt = now().addingTimeInterval(backoff(afterAttempt: entry.attempts).seconds)
                try await store.outboxFailed(id: entry.id, error: "\(error)", retryAt: retryAt)
                Self.count("retry")
                logger.notice(
                    "notification will be retried",
                    metadata: [
                        "miz.feedback.event": "\(event)", "miz.error": "\(error)",
                        "miz.feedback.attempt": "\(entry.attempts)",
                    ])
            }
        } catch {
            // The lease runs out and the entry is tried again: at least once, never lost.
            logger.error("cannot record a notification attempt", metadata: ["miz.error": "\(error)"])
        }
    }

    /// Counts one attempt's outcome, for the operator's dashboards.
    private static func count(_ outcome: String) {
        Counter(label: "miz_feedback_notifications_total", dimensions: [("outcome", outcome)]).increment()
    }

    /// The wait after attempt `attempt` failed, with jitter (0.5…1 of the full wait).
    private func backoff(afterAttempt attempt: Int) -> Duration {
        RetryBackoff(initial: initialBackoff, maximum: maximumBackoff).delay(beforeRetry: attempt)
    }
}
