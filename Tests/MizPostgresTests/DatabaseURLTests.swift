import ArgumentParser
import MizPostgres
import Testing

@Suite("--database-url and the pool flags")
struct DatabaseURLTests {
    @Test("a full URL gives user, password, host, port, database, schema and TLS mode")
    func parsesEveryPart() throws {
        let url = try DatabaseURL(
            parsing: "postgres://miz:p%40ss:w0rd@db.example.ir:6543/desk?schema=catalog_staging&sslmode=require")
        #expect(url.username == "miz" && url.password == "p@ss:w0rd")
        #expect(url.host == "db.example.ir" && url.port == 6543 && url.database == "desk")
        #expect(url.schema == "catalog_staging" && url.tls == .require && url.socketPath == nil)
        let plain = try DatabaseURL(parsing: "postgresql://miz@localhost/desk")
        #expect(plain.port == 5432 && plain.password == nil && plain.schema == nil && plain.tls == .prefer)
        let socket = try DatabaseURL(parsing: "postgres://miz@localhost:5433/desk?host=/run/postgresql")
        #expect(socket.socketPath == "/run/postgresql/.s.PGSQL.5433")
    }

    @Test("the password never appears in the URL's description or in an error about it")
    func passwordMasked() throws {
        let url = try DatabaseURL(parsing: "postgres://miz:s3cret-Pa55@db:5432/desk?schema=notifier")
        #expect(!url.description.contains("s3cret-Pa55"))
        #expect(url.description.contains("miz:***@db:5432/desk"))
        do {
            _ = try DatabaseOptions.parse(["--database-url", "postgres://miz:s3cret-Pa55@db:5432/desk?sslmode=maybe"])
            Issue.record("a bad sslmode was accepted")
        } catch {
            let message = DatabaseOptions.message(for: error)
            #expect(!message.contains("s3cret-Pa55"))
            #expect(message.contains("sslmode"))
        }
    }

    @Test(
        "wrong URLs are refused with the part to fix",
        arguments: [
            ("mysql://miz@db/desk", DatabaseURLError.scheme),
            ("postgres://db:5432/desk", .missingUser),
            ("postgres://miz@db:5432/", .missingDatabase),
            ("postgres://miz@db/desk?schema=Catalog", .schema("Catalog")),
            ("postgres://miz@db/desk?schema=a;drop", .schema("a;drop")),
            ("postgres://miz@db/desk?sslmode=verify-full", .sslMode("verify-full")),
        ])
    func refusesWrongURLs(text: String, expected: DatabaseURLError) {
        #expect(throws: expected) { try DatabaseURL(parsing: text) }
    }

    @Test("without --database-url the service stays on SQLite; pool flags are checked")
    func flags() throws {
        #expect(try DatabaseOptions.parse(["--database-url", ""]).backend() == .sqlite)
        let options = try DatabaseOptions.parse([
            "--database-url", "postgres://miz@db/desk", "--database-pool-min", "2", "--database-pool-max", "6",
        ])
        guard case .postgres(let url, let pool) = try options.backend() else {
            Issue.record("a URL did not choose PostgreSQL")
            return
        }
        #expect(url.database == "desk" && pool == PoolSize(minimum: 2, maximum: 6))
        #expect(throws: (any Error).self) {
            try DatabaseOptions.parse(["--database-pool-min", "5", "--database-pool-max", "2"])
        }
        #expect(throws: (any Error).self) { try DatabaseOptions.parse(["--database-pool-max", "0"]) }
    }
}
