import Foundation

/// A client's request as the broker holds it: waiting in its service's queue, or handed to
/// a worker and not yet answered.
struct PendingRequest {
    /// The client's routing id: where the reply goes.
    let client: Data
    /// The MDP body frames, passed to the worker untouched.
    let body: [Data]
    /// When the request came in; the maximum wait counts from here.
    let arrival: ContinuousClock.Instant
    /// The caller's deadline from the Miz envelope, in milliseconds since 1970; read only
    /// once the request has to wait, so requests that go straight to a worker cost no JSON.
    var callerDeadlineMilliseconds: Int64?
    /// True once `callerDeadlineMilliseconds` has been looked for.
    var hasReadCallerDeadline = false

    /// Makes a request that has just arrived.
    init(client: Data, body: [Data], arrival: ContinuousClock.Instant) {
        self.client = client
        self.body = body
        self.arrival = arrival
    }
}
