import GRDB

/// The catalog database's migrations, applied in order at start; a migration once shipped is
/// never changed, only followed by new ones.
///
/// Tables:
/// - `catalogCategory`: the categories, in the catalog's order.
/// - `catalogService`: one row per service code: its current version and the copies of the
///   current version's filter columns (active, category).
/// - `serviceVersion`: every version of every profile, append-only: the profile as wire JSON
///   plus the indexed columns a query needs without decoding it.
/// - `catalogRevision`: one row whose number every write raises, so each instance of the
///   service sees cheaply when its search index is stale.
/// - `idempotencyKey`: the result of each keyed write, so a retry gets the same answer.
package enum CatalogDatabaseSchema {
    /// The migrator of the catalog database.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: services, versions, categories, revision, idempotency") { db in
            try db.execute(
                sql: """
                    CREATE TABLE catalogCategory (
                        key TEXT PRIMARY KEY NOT NULL,
                        title TEXT NOT NULL,
                        position INTEGER NOT NULL
                    );
                    CREATE TABLE catalogService (
                        code TEXT PRIMARY KEY NOT NULL,
                        currentVersion INTEGER NOT NULL CHECK (currentVersion >= 1),
                        active BOOLEAN NOT NULL,
                        category TEXT NOT NULL REFERENCES catalogCategory(key),
                        createdAt DATETIME NOT NULL
                    );
                    CREATE INDEX catalogServiceOnActiveCategory ON catalogService(active, category);
                    CREATE TABLE serviceVersion (
                        code TEXT NOT NULL REFERENCES catalogService(code),
                        version INTEGER NOT NULL CHECK (version >= 1),
                        title TEXT NOT NULL,
                        category TEXT NOT NULL,
                        active BOOLEAN NOT NULL,
                        updatedAt DATETIME NOT NULL,
                        profile TEXT NOT NULL,
                        PRIMARY KEY (code, version)
                    );
                    CREATE TABLE catalogRevision (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        revision INTEGER NOT NULL
                    );
                    INSERT INTO catalogRevision (id, revision) VALUES (1, 0);
                    CREATE TABLE idempotencyKey (
                        key TEXT PRIMARY KEY NOT NULL,
                        route TEXT NOT NULL,
                        code TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        createdAt DATETIME NOT NULL
                    );
                    CREATE INDEX idempotencyKeyOnCreatedAt ON idempotencyKey(createdAt);
                    """)
        }
        return migrator
    }
}
