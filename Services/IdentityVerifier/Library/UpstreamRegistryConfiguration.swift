import Foundation
import MizRuntime

/// Where the upstream registries are and how patiently to ask them.
package struct UpstreamRegistryConfiguration: Sendable {
    /// The civil registry's endpoint.
    package var registryURL: URL
    /// The mobile-ownership endpoint.
    package var mobileOwnershipURL: URL
    /// Sent as `Authorization: Bearer <key>` when not empty.
    package var apiKey: String
    /// How long one attempt may take.
    package var timeout: Duration
    /// Attempts per lookup, the first included.
    package var attempts: Int
    /// Waits between attempts.
    package var backoff: RetryBackoff
    /// Failed attempts in a row that open the circuit breaker.
    package var failureThreshold: Int
    /// How long the breaker stays open.
    package var openDuration: Duration
    /// How long a positive answer is cached; zero for no cache.
    package var cacheLifetime: Duration
    /// The most answers cached.
    package var cacheCapacity: Int

    /// Makes a configuration; the defaults suit a registry a few milliseconds away and leave
    /// a call within the bus's usual deadline (3 attempts × 2 s plus backoff).
    package init(
        registryURL: URL,
        mobileOwnershipURL: URL,
        apiKey: String = "",
        timeout: Duration = .seconds(2),
        attempts: Int = 3,
        backoff: RetryBackoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(1)),
        failureThreshold: Int = 5,
        openDuration: Duration = .seconds(30),
        cacheLifetime: Duration = .seconds(300),
        cacheCapacity: Int = 50_000
    ) {
        self.registryURL = registryURL
        self.mobileOwnershipURL = mobileOwnershipURL
        self.apiKey = apiKey
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.failureThreshold = failureThreshold
        self.openDuration = openDuration
        self.cacheLifetime = cacheLifetime
        self.cacheCapacity = cacheCapacity
    }
}
