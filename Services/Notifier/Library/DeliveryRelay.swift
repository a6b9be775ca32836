import Foundation
import Logging
import Metrics
import MizBus
import MizPersian
import MizRuntime
import MizSchema
import ServiceLifecycle

/// Delivers the outbox: claims due messages, hands them to the provider, and records each
/// attempt: delivered, retried later with backoff (temporary failures), or failed.
///
/// It wakes on a `WakeSignal` raised by `notifier.send` and otherwise sleeps until the next
/// retry is due (or a lease runs out), so nothing polls. It stops on graceful shutdown.
package struct DeliveryRelay: Service {
    package let store: any NotifierStore
    package let provider: any SMSProvider
    package let policy: RelayPolicy
    package let signal: WakeSignal
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// A relay over `store` sending through `provider`.
    package init(
        store: any NotifierStore, provider: any SMSProvider, policy: RelayPolicy, signal: WakeSignal,
        logger: Logger = Logger(label: "miz.notifier.relay"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.provider = provider
        self.policy = policy
        self.signal = signal
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
            idleCheck: policy.idleCheck, now: now, logger: logger, deliverDue: { await self.deliverDue() },
            nextWake: { try await self.store.nextWakeDate() })
    }

    /// Sends every message due now, batch after batch, until none is left.
    ///
    /// - Returns: the number of attempts made.
    @discardableResult
    package func deliverDue() async -> Int {
        await OutboxBatches.drain(
            claim: { try await store.claimDue(now: now(), limit: policy.batchSize, lease: policy.lease.seconds) },
            logger: logger, attempt: { await self.attempt($0) })
    }

    private func attempt(_ message: StoredMessage) async {
        let outcome = await provider.deliver(
            OutgoingSMS(
                messageId: message.id, eventId: message.eventId, recipient: message.recipient, text: message.body))
        let result: AttemptResult
        switch outcome {
        case .delivered(let providerMessageId):
            result = .delivered(providerMessageId: providerMessageId)
        case .temporaryFailure(let error) where message.attempts < policy.maximumAttempts:
            let wait = policy.backoff(afterAttempt: message.attempts)
            result = .retry(at: now().addingTimeInterval(wait.seconds), error: error)
        case .temporaryFailure(let error):
            result = .failed(.retriesExhausted, error: error)
        case .permanentFailure(let error):
            result = .failed(.providerRejected, error: error)
        }
        let outcomeLabel: String =
            switch result {
            case .delivered: "delivered"
            case .retry: "retry"
            case .failed(let reason, _): reason.rawValue
            }
        Counter(label: "miz_notifier_attempts_total", dimensions: [("outcome", outcomeLabel)]).increment()
        logger.log(
            level: outcomeLabel == "delivered" ? .info : .notice, "delivery attempt",
            metadata: [
                "miz.notifier.message_id": "\(message.id)", "miz.notifier.attempt": "\(message.attempts)",
                "miz.notifier.outcome": "\(outcomeLabel)", "miz.mobile": "\(Self.masked(message.recipient))",
            ])
        do {
            try await store.finishAttempt(messageId: message.id, result: result, now: now())
        } catch {
            // The lease runs out and the message is tried again: at least once, never lost.
            logger.error("cannot record a delivery attempt", metadata: ["miz.error": "\(error)"])
        }
    }

    /// The recipient as logs may show it.
    static func masked(_ recipient: String) -> String {
        (try? MobileNumber(validating: recipient))?.masked ?? "***"
    }
}
