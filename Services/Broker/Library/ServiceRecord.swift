import Foundation

/// One service as the broker routes it: its idle workers in least-recently-used order,
/// its waiting requests in arrival order, and its counters.
///
/// Invariant after every event: either no worker is idle or no request is waiting.
struct ServiceRecord {
    /// Idle workers; the front one has been idle longest and gets the next request.
    var idleWorkers = RingBuffer<Data>()
    /// How many workers serve this service, idle or busy.
    var workerCount = 0
    /// Requests waiting for a worker, oldest first.
    var waiting = RingBuffer<PendingRequest>()
    /// Client requests received (MMI queries excluded).
    var requests = 0
    /// Worker replies forwarded to clients.
    var replies = 0
    /// Requests answered with an error because they waited too long or their caller's
    /// deadline passed.
    var expired = 0
    /// Requests answered `unavailable` at once because the queue was full.
    var rejected = 0
    /// Requests answered `unavailable` because their worker vanished while serving them.
    var lost = 0

    /// The public view of this record.
    func status(name: String) -> ServiceStatus {
        ServiceStatus(
            service: name,
            workersReady: idleWorkers.count,
            workersBusy: workerCount - idleWorkers.count,
            queueDepth: waiting.count,
            requests: requests,
            replies: replies,
            expired: expired,
            rejected: rejected,
            lost: lost
        )
    }
}
