import Logging

extension DatabaseOptions {
    /// Opens where a service keeps its data and runs `body` with it until `body` returns: the
    /// service's SQLite file when no URL is given, otherwise its own schema of the PostgreSQL
    /// database the URL names, with the pool running around `body`.
    ///
    /// `body` also gets where the data is, for the start-up log line; it never holds the
    /// database password.
    package func withStore<Store>(
        sqlitePath: () throws -> String,
        openSQLite: (String) throws -> Store,
        schema: String,
        logLabel: String,
        openPostgres: (ServiceDatabase) async throws -> Store,
        _ body: (_ store: Store, _ location: String) async throws -> Void
    ) async throws {
        switch try backend() {
        case .sqlite:
            let path = try sqlitePath()
            try await body(try openSQLite(path), path)
        case .postgres(let url, let pool):
            let database = try ServiceDatabase(url: url, schema: schema, pool: pool, logger: Logger(label: logLabel))
            try await ServiceDatabase.withRunning(database) { database in
                try await body(try await openPostgres(database), "\(url) schema \(database.schema)")
            }
        }
    }
}
