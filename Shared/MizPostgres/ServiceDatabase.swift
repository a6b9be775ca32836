import Logging
import NIOSSL
import PostgresNIO

/// One service's schema in a PostgreSQL database, over a pool of connections.
///
/// Every connection's `search_path` is the schema, so a store's SQL names its tables without
/// a schema and two services (or two tests) can share one database. The pool works only while
/// `run()` runs: use `withRunning` to scope it to a piece of work or a process's life.
package final class ServiceDatabase: Sendable {
    /// PostgreSQL's SQLSTATEs after which a transaction may simply be run again.
    private static let retryableStates: Set<String> = ["40001", "40P01"]
    /// How many times a transaction runs when it keeps meeting a serialization failure or deadlock.
    private static let maximumTransactionRuns = 4

    /// The database, with its password (never logged: `DatabaseURL.description` masks it).
    package let url: DatabaseURL
    /// The schema this service's tables live in.
    package let schema: String
    private let client: PostgresClient
    private let logger: Logger

    /// Makes the pool for `schema` (the URL's `schema` wins when it names one).
    ///
    /// - Throws: `DatabaseURLError.schema` when the schema name needs quoting.
    package init(url: DatabaseURL, schema: String, pool: PoolSize = PoolSize(), logger: Logger) throws {
        let schema = url.schema ?? schema
        guard DatabaseURL.isValidSchemaName(schema) else { throw DatabaseURLError.schema(schema) }
        var configuration: PostgresClient.Configuration
        if let socketPath = url.socketPath {
            configuration = .init(
                unixSocketPath: socketPath, username: url.username, password: url.password, database: url.database)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch url.tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(
                host: url.host, port: url.port, username: url.username, password: url.password,
                database: url.database, tls: tls)
        }
        configuration.options.minimumConnections = pool.minimum
        configuration.options.maximumConnections = pool.maximum
        configuration.options.additionalStartupParameters = [
            ("search_path", schema), ("application_name", "miz-\(schema)"),
        ]
        self.url = url
        self.schema = schema
        self.logger = logger
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the pool until the task is cancelled; queries wait for it.
    package func run() async {
        await client.run()
    }

    /// Runs `body` while the pool of `database` runs, then stops the pool.
    ///
    /// `body` starts once the pool's task has begun, so its first query does not find the
    /// pool idle.
    package static func withRunning<T>(
        _ database: ServiceDatabase, _ body: (ServiceDatabase) async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (started, starting) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                starting.finish()
                await database.run()
            }
            defer { group.cancelAll() }
            for await _ in started {}
            await Task.yield()
            return try await body(database)
        }
    }

    /// Applies the component's migrations that this schema lacks, in version order, in one
    /// transaction under an advisory lock on the schema, so instances starting together
    /// migrate once and the others wait and find the work done.
    ///
    /// - Returns: the versions applied now.
    @discardableResult
    package func migrate(component: String, _ migrations: [PostgresMigration]) async throws -> [Int] {
        let schema = schema
        let lockKey = "miz.migrate.\(schema)"
        return try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockKey)))", logger: logger)
            try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS \(unescaped: schema).mizMigration (
                    component TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    appliedAt TIMESTAMPTZ NOT NULL DEFAULT now(),
                    PRIMARY KEY (component, version)
                )
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query(
                "SELECT version FROM \(unescaped: schema).mizMigration WHERE component = \(component)", logger: logger
            ).decode(Int.self) {
                applied.insert(version)
            }
            var done: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version })
            where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO mizMigration (component, version, name) VALUES (\(component), \(migration.version), \(migration.name))",
                    logger: logger)
                done.append(migration.version)
            }
            let known = Set(migrations.map(\.version))
            if let newer = applied.subtracting(known).max() {
                logger.warning(
                    "the schema has a migration this program does not know: a newer version ran here",
                    metadata: [
                        "miz.db.schema": "\(schema)", "miz.db.component": "\(component)", "miz.db.version": "\(newer)",
                    ])
            }
            return done
        }
    }

    /// Runs `body` in a transaction on one connection: committed when it returns, rolled back
    /// when it throws (its own error is rethrown as it is). A serialization failure or deadlock
    /// runs it again, so `body` must do nothing outside the database.
    @discardableResult
    package func transaction<T: Sendable>(
        _ isolation: TransactionIsolation = .readCommitted,
        readOnly: Bool = false,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var run = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    try await connection.query(
                        PostgresQuery(
                            unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")"),
                        logger: logger)
                    do {
                        let value = try await body(connection)
                        try await connection.query("COMMIT", logger: logger)
                        return value
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
            } catch let error as PSQLError
                where run < Self.maximumTransactionRuns
                && Self.retryableStates.contains(error.serverInfo?[.sqlState] ?? "")
            {
                run += 1
            }
        }
    }

    /// Runs `body` on one connection without a transaction: for a read of one statement, which
    /// PostgreSQL runs atomically on its own, at a third of the round trips.
    package func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection) }
    }

    /// Whether the database answers, for `/ready`.
    package func isReady() async -> Bool {
        do {
            for try await value in try await client.query("SELECT 1", logger: logger).decode(Int.self) {
                return value == 1
            }
            return false
        } catch {
            return false
        }
    }

    /// Drops the schema and everything in it: for tests that made a schema of their own.
    package func dropSchema() async throws {
        try await client.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: logger)
    }
}
