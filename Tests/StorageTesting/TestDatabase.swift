import Foundation
import Logging
import MizPostgres
import Testing

/// The PostgreSQL database the storage tests use, from `MIZ_TEST_DATABASE_URL`; each test gets
/// a schema of its own, with a random name, dropped when the test ends.
package enum TestDatabase {
    /// The variable deploy/postgres-test-cluster.sh sets.
    package static let variable = "MIZ_TEST_DATABASE_URL"

    /// Runs `body` over a fresh schema of the test database and drops the schema afterwards.
    ///
    /// Without `MIZ_TEST_DATABASE_URL` the current test case is cancelled, with a warning that
    /// says why and how to run it: `swift test` by hand skips PostgreSQL; deploy/test.sh always
    /// runs it.
    package static func withFreshSchema<T>(_ body: (ServiceDatabase) async throws -> T) async throws -> T {
        guard let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty else {
            let reason: Comment =
                "PostgreSQL case skipped: \(variable) is not set (deploy/test.sh, or deploy/postgres-test-cluster.sh swift test, sets it)"
            Issue.record(reason, severity: .warning)
            try Test.cancel(reason)
        }
        let url = try DatabaseURL(parsing: text)
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let database = try ServiceDatabase(
            url: url, schema: schema, pool: PoolSize(minimum: 0, maximum: 4), logger: Logger(label: "miz.test.postgres")
        )
        return try await ServiceDatabase.withRunning(database) { database in
            do {
                let result = try await body(database)
                try await database.dropSchema()
                return result
            } catch {
                try? await database.dropSchema()
                throw error
            }
        }
    }

    /// Another pool over the same schema, as a second instance of a service would have.
    package static func secondPool(_ database: ServiceDatabase) throws -> ServiceDatabase {
        try ServiceDatabase(
            url: database.url, schema: database.schema, pool: PoolSize(minimum: 0, maximum: 4),
            logger: Logger(label: "miz.test.postgres.second"))
    }
}
