/// The tunable rules of the broker: how often it heartbeats its workers, how long it waits
/// for a silent one, and how many requests it holds per service and for how long.
///
/// The defaults are the 7/MDP reference values (2.5 s × 3) and limits that keep a burst
/// queued without letting a caller wait longer than a page would.
package struct BrokerPolicy: Sendable, Equatable, Codable {
    /// How often the broker sends HEARTBEAT to every worker.
    package var heartbeatInterval: Duration
    /// How many intervals a worker may stay silent before the broker forgets it.
    package var liveness: Int
    /// The most requests one service may hold waiting for a worker.
    package var maximumQueueDepth: Int
    /// The longest a request waits in a service's queue before it is answered `unavailable`.
    package var maximumWait: Duration

    /// Makes a policy; values below their minimum (one interval, one request, no wait) are
    /// raised to it so that a bad flag cannot stop the broker from working.
    package init(
        heartbeatInterval: Duration = .milliseconds(2_500),
        liveness: Int = 3,
        maximumQueueDepth: Int = 10_000,
        maximumWait: Duration = .seconds(10)
    ) {
        self.heartbeatInterval = max(heartbeatInterval, .milliseconds(1))
        self.liveness = max(liveness, 1)
        self.maximumQueueDepth = max(maximumQueueDepth, 0)
        self.maximumWait = max(maximumWait, .zero)
    }

    /// How long a worker may stay silent: interval × liveness.
    package var workerExpiry: Duration { heartbeatInterval * liveness }
}
