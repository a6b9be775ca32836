/// How many connections one instance keeps open to PostgreSQL: `minimum` stay open when
/// idle, never more than `maximum` at once. Every instance of every service has its own pool,
/// so the server's `max_connections` must cover the sum.
package struct PoolSize: Sendable, Equatable {
    package var minimum: Int
    package var maximum: Int

    /// Makes a pool size; `maximum` is at least 1 and `minimum` at most `maximum`.
    package init(minimum: Int = 1, maximum: Int = 10) {
        self.maximum = max(1, maximum)
        self.minimum = min(max(0, minimum), self.maximum)
    }
}
