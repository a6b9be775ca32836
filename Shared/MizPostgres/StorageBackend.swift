/// Where a service keeps its data: its SQLite file in the data folder (the default) or a
/// schema of a PostgreSQL database.
package enum StorageBackend: Sendable, Equatable {
    case sqlite
    case postgres(DatabaseURL, pool: PoolSize)
}
