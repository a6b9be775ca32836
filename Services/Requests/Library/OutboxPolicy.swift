import MizRuntime

/// How the outbox relay retries: the backoff while the notifier is down, how many events it
/// hands over at once and how long a claim lasts.
///
/// There is no attempt limit for an unreachable notifier: an event waits as long as it takes
/// (an hour's outage included) and is sent when the notifier is back.
package struct OutboxPolicy: Sendable {
    /// The wait after the first failure; doubled after each next one.
    package var initialBackoff: Duration
    /// The longest wait between attempts.
    package var maximumBackoff: Duration
    /// Events claimed and sent at once.
    package var batchSize: Int
    /// How long a claimed event is reserved for this relay; a relay that died mid-send
    /// releases it when the lease runs out (the notifier drops the repeat by event id).
    package var lease: Duration
    /// The longest the relay sleeps without a signal, as a safety net.
    package var idleCheck: Duration

    /// Makes a policy.
    package init(
        initialBackoff: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(60),
        batchSize: Int = 32,
        lease: Duration = .seconds(30),
        idleCheck: Duration = .seconds(60)
    ) {
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.batchSize = max(1, batchSize)
        self.lease = lease
        self.idleCheck = idleCheck
    }

    /// The wait after attempt `attempt` failed, with jitter (0.5…1 of the full wait).
    package func backoff(afterAttempt attempt: Int) -> Duration {
        RetryBackoff(initial: initialBackoff, maximum: maximumBackoff).delay(beforeRetry: attempt)
    }
}
