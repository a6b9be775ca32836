/// Exponential backoff with jitter between retries of an idempotent lookup: the first wait is
/// `initial`, each next one doubles up to `maximum`, and each is scaled by a random factor in
/// 0.5…1 so that many callers do not retry in step.
package struct RetryBackoff: Sendable, Equatable {
    /// The wait before the first retry.
    package var initial: Duration
    /// The longest wait.
    package var maximum: Duration

    /// Makes the policy.
    package init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before retry number `retry` (1 for the first retry).
    package func delay(beforeRetry retry: Int) -> Duration {
        var delay = initial
        for _ in 1..<max(1, retry) where delay < maximum { delay *= 2 }
        return min(delay, maximum) * Double.random(in: 0.5...1)
    }
}
