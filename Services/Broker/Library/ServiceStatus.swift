/// One service's figures at a moment: workers, queue and counters since the broker started.
///
/// Gauges (`workersReady`, `workersBusy`, `queueDepth`) are what the autoscaler reads;
/// counters only grow.
package struct ServiceStatus: Codable, Sendable, Equatable {
    /// The MDP service name.
    package var service: String
    /// Workers idle and waiting for a request.
    package var workersReady: Int
    /// Workers serving a request.
    package var workersBusy: Int
    /// Requests waiting for a worker.
    package var queueDepth: Int
    /// Client requests received.
    package var requests: Int
    /// Replies forwarded from workers to clients.
    package var replies: Int
    /// Requests answered with an error after waiting too long or past their deadline.
    package var expired: Int
    /// Requests refused at once because the queue was full.
    package var rejected: Int
    /// Requests whose worker vanished while serving them, answered `unavailable`.
    package var lost: Int

    /// Makes a status from its figures.
    package init(
        service: String,
        workersReady: Int = 0,
        workersBusy: Int = 0,
        queueDepth: Int = 0,
        requests: Int = 0,
        replies: Int = 0,
        expired: Int = 0,
        rejected: Int = 0,
        lost: Int = 0
    ) {
        self.service = service
        self.workersReady = workersReady
        self.workersBusy = workersBusy
        self.queueDepth = queueDepth
        self.requests = requests
        self.replies = replies
        self.expired = expired
        self.rejected = rejected
        self.lost = lost
    }
}
