import Logging
import MizPostgres
import MizStorageTesting
import PostgresNIO
import Testing

@Suite("PostgreSQL migrations")
struct MigrationTests {
    let migrations = [
        PostgresMigration(
            version: 1, name: "notes", statements: ["CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"]),
        PostgresMigration(
            version: 2, name: "note authors",
            statements: ["ALTER TABLE note ADD COLUMN author TEXT", "CREATE INDEX noteByAuthor ON note(author)"]),
    ]

    /// The versions recorded for `component`, in order.
    func recorded(_ database: ServiceDatabase, component: String) async throws -> [Int] {
        try await database.transaction(readOnly: true) { connection in
            var versions: [Int] = []
            for try await version in try await connection.query(
                "SELECT version FROM mizMigration WHERE component = \(component) ORDER BY version",
                logger: Logger(label: "test")
            ).decode(Int.self) {
                versions.append(version)
            }
            return versions
        }
    }

    /// The tables in the database's schema, by name.
    func tables(_ database: ServiceDatabase) async throws -> [String] {
        try await database.transaction(readOnly: true) { connection in
            var names: [String] = []
            for try await name in try await connection.query(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(database.schema) ORDER BY 1",
                logger: Logger(label: "test")
            ).decode(String.self) {
                names.append(name)
            }
            return names
        }
    }

    @Test("instances starting together apply each migration once, in order")
    func concurrentStartsMigrateOnce() async throws {
        try await TestDatabase.withFreshSchema { database in
            let migrations = migrations
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await ServiceDatabase.withRunning(try TestDatabase.secondPool(database)) { instance in
                            try await instance.migrate(component: "notes", migrations)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(applied.filter { !$0.isEmpty } == [[1, 2]], "one instance migrated, the others found it done")
            #expect(try await recorded(database, component: "notes") == [1, 2])
            // The schema works: the table of version 1 with the column of version 2.
            try await database.transaction { connection in
                try await connection.query(
                    "INSERT INTO note (id, text, author) VALUES (1, 'سلام', 'ali')", logger: Logger(label: "test"))
            }
            #expect(try await database.migrate(component: "notes", migrations).isEmpty)
            #expect(try await tables(database) == ["mizmigration", "note"])
        }
    }

    @Test("a failing migration leaves nothing behind, and the fixed one applies later")
    func failedMigrationRollsBack() async throws {
        try await TestDatabase.withFreshSchema { (database: ServiceDatabase) async throws -> Void in
            let broken = [
                migrations[0],
                PostgresMigration(
                    version: 2, name: "note authors",
                    statements: ["ALTER TABLE note ADD COLUMN author TEXT", "CREATE INDEX ON missing_table(x)"]),
            ]
            await #expect(throws: (any Error).self) { try await database.migrate(component: "notes", broken) }
            #expect(
                try await tables(database) == [], "version 1 was rolled back with version 2, and the record of both")
            #expect(try await database.migrate(component: "notes", migrations) == [1, 2])
        }
    }

    @Test("two components keep their own versions in one schema")
    func componentsAreSeparate() async throws {
        try await TestDatabase.withFreshSchema { database in
            try await database.migrate(component: "notes", migrations)
            let other = [PostgresMigration(version: 1, name: "tags", statements: ["CREATE TABLE tag (name TEXT)"])]
            #expect(try await database.migrate(component: "tags", other) == [1])
            #expect(try await recorded(database, component: "notes") == [1, 2])
            #expect(try await recorded(database, component: "tags") == [1])
        }
    }
}
