import GRDB

extension DatabaseWriter {
    /// Runs `updates` in an IMMEDIATE transaction, so the write lock is taken at BEGIN and
    /// two instances sharing one SQLite file never deadlock upgrading a read to a write.
    package func writeImmediately<T: Sendable>(
        _ updates: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        try await writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try updates(db)
                return .commit
            }
            guard let result else { throw DatabaseError(message: "the transaction returned nothing") }
            return result
        }
    }
}
