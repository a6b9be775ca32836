/// The isolation level a transaction asks PostgreSQL for.
package enum TransactionIsolation: String, Sendable {
    /// Each statement sees what was committed before it began; writes serialize on row locks.
    case readCommitted = "READ COMMITTED"
    /// Every statement sees the snapshot taken at the first one: for reads that must agree.
    case repeatableRead = "REPEATABLE READ"
}
