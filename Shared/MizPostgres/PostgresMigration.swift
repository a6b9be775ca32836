/// One step of a service's PostgreSQL schema, applied once, in version order, at start.
///
/// A migration once shipped is never changed, only followed by new ones. Its statements run
/// one by one in the same transaction as the record that it was applied.
package struct PostgresMigration: Sendable {
    /// Position in the order, from 1, unique within the component.
    package var version: Int
    /// What it does, for people reading the migrations table.
    package var name: String
    /// The SQL statements, one statement each (no `;`-separated lists).
    package var statements: [String]

    /// Makes a migration.
    package init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
