/// The idempotency key of a write and the route it came on, stored in the same transaction
/// as the write so that a retried call gets the first call's result instead of a second
/// version.
package struct IdempotencyClaim: Sendable, Equatable {
    /// The key from the envelope, chosen by the caller.
    package var key: String
    /// The route, such as `catalog.edit`; the same key on another route is a conflict.
    package var route: String

    /// Makes a claim.
    package init(key: String, route: String) {
        self.key = key
        self.route = route
    }
}
