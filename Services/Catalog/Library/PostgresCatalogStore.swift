import Foundation
import Logging
import MizPostgres
import MizSchema
import PostgresNIO

/// The catalog's store in a PostgreSQL schema, with the same tables and rules as
/// `SQLiteCatalogStore`.
///
/// Every write first locks the one revision row (`FOR UPDATE`), so writes from all instances
/// run one after another, as SQLite's IMMEDIATE transactions do: two edits never both become
/// version n + 1, and an idempotency key is checked and stored in the same serialized step.
/// Reads of several tables run in one REPEATABLE READ transaction, so they agree.
package final class PostgresCatalogStore: CatalogStore {
    private let database: ServiceDatabase
    private let logger: Logger

    /// A store over `database`, whose pool must be running; call `migrate()` before use.
    package init(database: ServiceDatabase, logger: Logger = Logger(label: "miz.catalog.postgres")) {
        self.database = database
        self.logger = logger
    }

    /// Applies the catalog's migrations the schema lacks.
    package func migrate() async throws {
        try await database.migrate(component: CatalogPostgresSchema.component, CatalogPostgresSchema.migrations)
    }

    package func snapshot() async throws -> CatalogSnapshot {
        let logger = logger
        let (revision, categories, documents) = try await database.transaction(.repeatableRead, readOnly: true) {
            connection in
            let revision = try await Self.revision(connection, logger)
            var categories: [CategoryDefinition] = []
            for try await (key, title) in try await connection.query(
                "SELECT key, title FROM catalogCategory ORDER BY position, key", logger: logger
            ).decode((String, String).self) {
                categories.append(CategoryDefinition(key: key, title: title))
            }
            let documents = try await Self.strings(
                connection, logger,
                """
                SELECT v.profile FROM catalogService s
                JOIN serviceVersion v ON v.code = s.code AND v.version = s.currentVersion
                ORDER BY s.code
                """)
            return (revision, categories, documents)
        }
        return CatalogSnapshot(revision: revision, categories: categories, profiles: try documents.map(Self.decode))
    }

    package func revision() async throws -> Int64 {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.revision(connection, logger)
        }
    }

    package func profile(code: String, version: Int?) async throws -> ServiceProfile? {
        let logger = logger
        let document = try await database.withConnection { connection in
            try await Self.document(connection, logger, code: code, version: version)
        }
        return try document.map(Self.decode)
    }

    package func versions(code: String) async throws -> [ServiceProfile] {
        let logger = logger
        let documents = try await database.withConnection { connection in
            try await Self.strings(
                connection, logger, "SELECT profile FROM serviceVersion WHERE code = \(code) ORDER BY version DESC")
        }
        return try documents.map(Self.decode)
    }

    package func seedIfEmpty(categories: [CategoryDefinition], profiles: [ServiceProfile]) async throws -> Bool {
        let documents = try profiles.map { ($0, try Self.encode($0)) }
        let logger = logger
        return try await database.transaction { connection in
            _ = try await Self.lockRevision(connection, logger)
            let services = try await Self.strings(connection, logger, "SELECT code FROM catalogService LIMIT 1")
            guard services.isEmpty else { return false }
            for (position, category) in categories.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO catalogCategory (key, title, position) VALUES (\(category.key), \(category.title), \(position))
                    ON CONFLICT (key) DO UPDATE SET title = excluded.title, position = excluded.position
                    """, logger: logger)
            }
            for (profile, document) in documents {
                try await Self.insertService(connection, logger, profile, document: document)
            }
            try await Self.raiseRevision(connection, logger)
            return true
        }
    }

    package func create(_ profile: ServiceProfile, idempotency: IdempotencyClaim?) async throws -> ServiceProfile {
        var first = profile
        first.version = 1
        let document = try Self.encode(first)
        let stored = first
        let logger = logger
        return try await database.transaction { connection in
            _ = try await Self.lockRevision(connection, logger)
            if let earlier = try await Self.replay(connection, logger, idempotency) { return earlier }
            let taken = try await Self.strings(
                connection, logger, "SELECT code FROM catalogService WHERE code = \(stored.code)")
            guard taken.isEmpty else { throw CatalogStoreError.codeExists(stored.code) }
            try await Self.insertService(connection, logger, stored, document: document)
            try await Self.raiseRevision(connection, logger)
            try await Self.remember(connection, logger, idempotency, stored)
            return stored
        }
    }

    package func appendVersion(
        code: String,
        idempotency: IdempotencyClaim?,
        revise: @escaping @Sendable (ServiceProfile) throws -> ServiceProfile
    ) async throws -> ServiceProfile {
        let logger = logger
        return try await database.transaction { connection in
            _ = try await Self.lockRevision(connection, logger)
            if let earlier = try await Self.replay(connection, logger, idempotency) { return earlier }
            guard let document = try await Self.document(connection, logger, code: code, version: nil) else {
                throw CatalogStoreError.unknownService(code)
            }
            let current = try Self.decode(document)
            var next = try revise(current)
            next.code = current.code
            next.version = current.version + 1
            try await Self.insertVersion(connection, logger, next, document: try Self.encode(next))
            try await connection.query(
                """
                UPDATE catalogService SET currentVersion = \(next.version), active = \(next.active),
                    category = \(next.category) WHERE code = \(next.code)
                """, logger: logger)
            try await Self.raiseRevision(connection, logger)
            try await Self.remember(connection, logger, idempotency, next)
            return next
        }
    }

    package func isReady() async -> Bool {
        await database.isReady()
    }

    // MARK: - Inside transactions

    private static func revision(_ connection: PostgresConnection, _ logger: Logger) async throws -> Int64 {
        for try await revision in try await connection.query(
            "SELECT revision FROM catalogRevision WHERE id = 1", logger: logger
        ).decode(Int64.self) {
            return revision
        }
        return 0
    }

    /// Locks the revision row until the transaction ends: the catalog's write lock.
    private static func lockRevision(_ connection: PostgresConnection, _ logger: Logger) async throws -> Int64 {
        for try await revision in try await connection.query(
            "SELECT revision FROM catalogRevision WHERE id = 1 FOR UPDATE", logger: logger
        ).decode(Int64.self) {
            return revision
        }
        throw CatalogStoreError.unreadable("the revision row is missing")
    }

    private static func raiseRevision(_ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query("UPDATE catalogRevision SET revision = revision + 1 WHERE id = 1", logger: logger)
    }

    private static func strings(
        _ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery
    ) async throws -> [String] {
        var values: [String] = []
        for try await value in try await connection.query(query, logger: logger).decode(String.self) {
            values.append(value)
        }
        return values
    }

    /// The wire JSON of a service at `version`, or at its current version when nil.
    private static func document(
        _ connection: PostgresConnection, _ logger: Logger, code: String, version: Int?
    ) async throws -> String? {
        if let version {
            return try await strings(
                connection, logger,
                "SELECT profile FROM serviceVersion WHERE code = \(code) AND version = \(version)"
            ).first
        }
        return try await strings(
            connection, logger,
            """
            SELECT v.profile FROM catalogService s
            JOIN serviceVersion v ON v.code = s.code AND v.version = s.currentVersion
            WHERE s.code = \(code)
            """
        ).first
    }

    private static func insertService(
        _ connection: PostgresConnection, _ logger: Logger, _ profile: ServiceProfile, document: String
    ) async throws {
        try await connection.query(
            """
            INSERT INTO catalogService (code, currentVersion, active, category, createdAt)
            VALUES (\(profile.code), \(profile.version), \(profile.active), \(profile.category), \(profile.updatedAt))
            """, logger: logger)
        try await insertVersion(connection, logger, profile, document: document)
    }

    private static func insertVersion(
        _ connection: PostgresConnection, _ logger: Logger, _ profile: ServiceProfile, document: String
    ) async throws {
        try await connection.query(
            """
            INSERT INTO serviceVersion (code, version, title, category, active, updatedAt, profile)
            VALUES (\(profile.code), \(profile.version), \(profile.title), \(profile.category), \(profile.active),
                \(profile.updatedAt), \(document))
            """, logger: logger)
    }

    /// The profile stored under an idempotency key seen before, if any.
    private static func replay(
        _ connection: PostgresConnection, _ logger: Logger, _ claim: IdempotencyClaim?
    ) async throws -> ServiceProfile? {
        guard let claim else { return nil }
        var found: (route: String, code: String, version: Int)?
        for try await row in try await connection.query(
            "SELECT route, code, version FROM idempotencyKey WHERE key = \(claim.key)", logger: logger
        ).decode((String, String, Int).self) {
            found = row
        }
        guard let found else { return nil }
        guard found.route == claim.route else { throw CatalogStoreError.idempotencyKeyReused(route: found.route) }
        guard let document = try await document(connection, logger, code: found.code, version: found.version) else {
            throw CatalogStoreError.unreadable("idempotency key \(claim.key) names a missing version")
        }
        return try decode(document)
    }

    /// Records which version a keyed write stored, and forgets keys past their retention.
    private static func remember(
        _ connection: PostgresConnection, _ logger: Logger, _ claim: IdempotencyClaim?, _ profile: ServiceProfile
    ) async throws {
        guard let claim else { return }
        let now = Date()
        let expiry = now.addingTimeInterval(-SQLiteCatalogStore.idempotencyRetention)
        try await connection.query("DELETE FROM idempotencyKey WHERE createdAt < \(expiry)", logger: logger)
        try await connection.query(
            """
            INSERT INTO idempotencyKey (key, route, code, version, createdAt)
            VALUES (\(claim.key), \(claim.route), \(profile.code), \(profile.version), \(now))
            """, logger: logger)
    }

    private static func encode(_ profile: ServiceProfile) throws -> String {
        String(decoding: try WireCoding.encoder.encode(profile), as: UTF8.self)
    }

    private static func decode(_ document: String) throws -> ServiceProfile {
        do {
            return try WireCoding.decoder.decode(ServiceProfile.self, from: Data(document.utf8))
        } catch {
            throw CatalogStoreError.unreadable("a stored profile: \(error)")
        }
    }
}
