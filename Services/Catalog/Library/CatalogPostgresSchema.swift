import MizPostgres

/// The catalog's PostgreSQL migrations: the same tables as `CatalogDatabaseSchema` (SQLite),
/// in PostgreSQL's types. A migration once shipped is never changed, only followed by new ones.
package enum CatalogPostgresSchema {
    /// The name the catalog's migrations are recorded under.
    package static let component = "catalog"

    /// The migrations, in order.
    package static let migrations = [
        PostgresMigration(
            version: 1, name: "services, versions, categories, revision, idempotency",
            statements: [
                """
                CREATE TABLE catalogCategory (
                    key TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    position INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE catalogService (
                    code TEXT PRIMARY KEY,
                    currentVersion INTEGER NOT NULL CHECK (currentVersion >= 1),
                    active BOOLEAN NOT NULL,
                    category TEXT NOT NULL REFERENCES catalogCategory(key),
                    createdAt TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX catalogServiceOnActiveCategory ON catalogService(active, category)",
                """
                CREATE TABLE serviceVersion (
                    code TEXT NOT NULL REFERENCES catalogService(code),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    title TEXT NOT NULL,
                    category TEXT NOT NULL,
                    active BOOLEAN NOT NULL,
                    updatedAt TIMESTAMPTZ NOT NULL,
                    profile TEXT NOT NULL,
                    PRIMARY KEY (code, version)
                )
                """,
                """
                CREATE TABLE catalogRevision (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    revision BIGINT NOT NULL
                )
                """,
                "INSERT INTO catalogRevision (id, revision) VALUES (1, 0)",
                """
                CREATE TABLE idempotencyKey (
                    key TEXT PRIMARY KEY,
                    route TEXT NOT NULL,
                    code TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    createdAt TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX idempotencyKeyOnCreatedAt ON idempotencyKey(createdAt)",
            ])
    ]
}
