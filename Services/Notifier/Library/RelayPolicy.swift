import MizRuntime

/// How the relay retries: attempts per message, the backoff between them, how many messages
/// it sends at once and how long a claim lasts.
package struct RelayPolicy: Sendable {
    /// Attempts per message, the first included; then it fails with `retriesExhausted`.
    package var maximumAttempts: Int
    /// The wait after the first temporary failure; doubled after each next one.
    package var initialBackoff: Duration
    /// The longest wait between attempts.
    package var maximumBackoff: Duration
    /// Messages claimed and sent at once.
    package var batchSize: Int
    /// How long a claimed message is reserved for this relay; a relay that dies mid-send
    /// releases it when the lease runs out.
    package var lease: Duration
    /// The longest the relay sleeps without a signal, as a safety net.
    package var idleCheck: Duration

    /// Makes a policy; the defaults give up after about 20 minutes of failures.
    package init(
        maximumAttempts: Int = 8,
        initialBackoff: Duration = .seconds(5),
        maximumBackoff: Duration = .seconds(600),
        batchSize: Int = 16,
        lease: Duration = .seconds(60),
        idleCheck: Duration = .seconds(60)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.batchSize = max(1, batchSize)
        self.lease = lease
        self.idleCheck = idleCheck
    }

    /// The wait after attempt `attempt` failed temporarily, with jitter (0.5…1 of the full wait).
    package func backoff(afterAttempt attempt: Int) -> Duration {
        RetryBackoff(initial: initialBackoff, maximum: maximumBackoff).delay(beforeRetry: attempt)
    }
}
