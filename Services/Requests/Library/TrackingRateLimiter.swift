import Foundation
import Synchronization

/// Limits tracking-code lookups per client address (a token bucket per address), so codes
/// cannot be guessed: 80 random bits leave nothing to find at this pace.
///
/// The buckets live in the process: with several instances each allows its own share, which
/// still caps guessing far below any useful rate.
package final class TrackingRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    /// Lookups an address may make at once.
    package let burst: Double
    /// Lookups regained per second.
    package let refillPerSecond: Double
    private let buckets = Mutex([String: Bucket]())

    /// A limiter allowing `burst` lookups at once and `perMinute` a minute after that.
    package init(burst: Int = 10, perMinute: Double = 6) {
        self.burst = Double(max(1, burst))
        self.refillPerSecond = max(0.001, perMinute) / 60
    }

    /// Takes one lookup for `address`; false when its bucket is empty.
    package func allow(_ address: String?, now: Date = Date()) -> Bool {
        let key = address?.isEmpty == false ? address! : "unknown"
        return buckets.withLock { buckets in
            if buckets.count > 50_000 {
                buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < burst / refillPerSecond }
            }
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.updated)) * refillPerSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return true
        }
    }
}
