import GRDB

/// The embedded registry database's migrations, applied in order at open.
///
/// Tables:
/// - `citizen`: one row per person: national code (key), Jalali birth date "1370-05-12",
///   names and the one mobile registered to them.
/// - `registryInfo`: key–value facts about the generated population (seed, count); the
///   `generated` key is written in the same transaction as the citizens, so a registry is
///   either complete or empty.
package enum EmbeddedRegistrySchema {
    /// The migrator of the embedded registry database.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: citizens and generation facts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE citizen (
                        nationalCode TEXT PRIMARY KEY NOT NULL,
                        birthDate TEXT NOT NULL,
                        firstName TEXT NOT NULL,
                        lastName TEXT NOT NULL,
                        mobile TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE registryInfo (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    """)
        }
        return migrator
    }
}
