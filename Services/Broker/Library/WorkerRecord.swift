import Foundation

/// What the broker knows about one worker: its service, when it stops being trusted alive,
/// and the request it is serving, if any.
struct WorkerRecord {
    /// The service named in the worker's READY.
    let service: String
    /// The moment after which a worker not heard from is forgotten.
    var expiry: ContinuousClock.Instant
    /// The request the worker is serving; nil while it is idle in its service's queue.
    var request: PendingRequest?
}
