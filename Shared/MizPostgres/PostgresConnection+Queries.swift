import Logging
import PostgresNIO

extension PostgresConnection {
    /// Waits for other transactions holding the advisory lock on (`namespace`, `value`) to end,
    /// and holds it until this transaction ends: what the stores use to serialise work on one
    /// key (an idempotency key, a recipient, an account) across instances.
    package func lockForTransaction(namespace: String, value: String, logger: Logger) async throws {
        try await query("SELECT pg_advisory_xact_lock(hashtext(\(namespace)), hashtext(\(value)))", logger: logger)
    }

    /// The single integer a query such as `SELECT COUNT(*) …` returns (0 when it returns no row).
    package func integer(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        var value = 0
        for try await row in try await self.query(query, logger: logger).decode(Int.self) {
            value = row
        }
        return value
    }

    /// Whether an `UPDATE … RETURNING <text column>` changed a row.
    package func changesRow(_ query: PostgresQuery, logger: Logger) async throws -> Bool {
        var changed = false
        for try await _ in try await self.query(query, logger: logger).decode(String.self) {
            changed = true
        }
        return changed
    }
}
