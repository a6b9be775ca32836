import ArgumentParser
import MizRuntime

/// The storage flags of a service that can keep its data in SQLite or PostgreSQL, each
/// defaulting to a `MIZ_…` environment variable. Without `--database-url` the service keeps
/// its SQLite file in the data folder, as before.
package struct DatabaseOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("database-url"),
        help: """
            PostgreSQL database, postgres://user:password@host:port/database[?schema=…&sslmode=…]; \
            empty means SQLite in the data folder (MIZ_DATABASE_URL). Prefer the variable: it keeps \
            the password out of the process list.
            """)
    package var databaseURL: String = EnvironmentDefault.string("MIZ_DATABASE_URL", "")

    @Option(
        name: .customLong("database-pool-min"),
        help: "PostgreSQL connections kept open when idle (MIZ_DATABASE_POOL_MIN).")
    package var poolMinimum: Int = EnvironmentDefault.int("MIZ_DATABASE_POOL_MIN", 1)

    @Option(
        name: .customLong("database-pool-max"),
        help: "Most PostgreSQL connections this instance opens (MIZ_DATABASE_POOL_MAX).")
    package var poolMaximum: Int = EnvironmentDefault.int("MIZ_DATABASE_POOL_MAX", 10)

    package init() {}

    package mutating func validate() throws {
        guard poolMaximum >= 1 else { throw ValidationError("--database-pool-max must be at least 1") }
        guard (0...poolMaximum).contains(poolMinimum) else {
            throw ValidationError("--database-pool-min must be between 0 and --database-pool-max")
        }
        _ = try backend()
    }

    /// The back end the flags choose.
    ///
    /// - Throws: `ValidationError` when the URL is given but wrong (the message masks the password).
    package func backend() throws -> StorageBackend {
        guard !databaseURL.isEmpty else { return .sqlite }
        do {
            return .postgres(try DatabaseURL(parsing: databaseURL), pool: pool)
        } catch let error as DatabaseURLError {
            throw ValidationError("--database-url: \(error)")
        }
    }

    /// The pool sizes the flags give.
    package var pool: PoolSize { PoolSize(minimum: poolMinimum, maximum: poolMaximum) }
}
