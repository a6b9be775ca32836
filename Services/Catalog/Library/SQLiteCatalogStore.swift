import Foundation
import GRDB
import MizRuntime
import MizSchema

/// The catalog's store in one SQLite file (GRDB `DatabasePool`, WAL), migrated on open.
///
/// Writes run in IMMEDIATE transactions, so several processes sharing the file queue for the
/// write lock instead of failing when a read turns into a write.
package final class SQLiteCatalogStore: CatalogStore {
    /// How long an idempotency key is remembered; a retry comes within seconds.
    package static let idempotencyRetention: TimeInterval = 7 * 24 * 3600

    private let pool: DatabasePool

    /// Opens (creating when missing) and migrates the database at `path`.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "catalog"
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try CatalogDatabaseSchema.migrator.migrate(pool)
    }

    package func snapshot() async throws -> CatalogSnapshot {
        let (revision, categories, documents) = try await pool.read { db in
            let revision = try Self.revision(db)
            let categories = try Row.fetchAll(db, sql: "SELECT key, title FROM catalogCategory ORDER BY position, key")
                .map { CategoryDefinition(key: $0["key"], title: $0["title"]) }
            let documents = try String.fetchAll(
                db,
                sql: """
                    SELECT v.profile FROM catalogService s
                    JOIN serviceVersion v ON v.code = s.code AND v.version = s.currentVersion
                    ORDER BY s.code
                    """)
            return (revision, categories, documents)
        }
        return CatalogSnapshot(revision: revision, categories: categories, profiles: try documents.map(Self.decode))
    }

    package func revision() async throws -> Int64 {
        try await pool.read { db in try Self.revision(db) }
    }

    package func profile(code: String, version: Int?) async throws -> ServiceProfile? {
        let document = try await pool.read { db in
            if let version {
                return try String.fetchOne(
                    db, sql: "SELECT profile FROM serviceVersion WHERE code = ? AND version = ?",
                    arguments: [code, version])
            }
            return try String.fetchOne(
                db,
                sql: """
                    SELECT v.profile FROM catalogService s
                    JOIN serviceVersion v ON v.code = s.code AND v.version = s.currentVersion
                    WHERE s.code = ?
                    """,
                arguments: [code])
        }
        return try document.map(Self.decode)
    }

    package func versions(code: String) async throws -> [ServiceProfile] {
        let documents = try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT profile FROM serviceVersion WHERE code = ? ORDER BY version DESC", arguments: [code])
        }
        return try documents.map(Self.decode)
    }

    package func seedIfEmpty(categories: [CategoryDefinition], profiles: [ServiceProfile]) async throws -> Bool {
        let documents = try profiles.map { ($0, try Self.encode($0)) }
        return try await pool.writeImmediately { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM catalogService") == 0 else { return false }
            for (position, category) in categories.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO catalogCategory (key, title, position) VALUES (?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET title = excluded.title, position = excluded.position
                        """,
                    arguments: [category.key, category.title, position])
            }
            for (profile, document) in documents {
                try Self.insertService(db, profile, document: document)
            }
            try Self.raiseRevision(db)
            return true
        }
    }

    package func create(_ profile: ServiceProfile, idempotency: IdempotencyClaim?) async throws -> ServiceProfile {
        var first = profile
        first.version = 1
        let document = try Self.encode(first)
        let stored = first
        return try await pool.writeImmediately { db in
            if let earlier = try Self.replay(db, idempotency) { return earlier }
            guard
                try Bool.fetchOne(db, sql: "SELECT 1 FROM catalogService WHERE code = ?", arguments: [stored.code])
                    == nil
            else { throw CatalogStoreError.codeExists(stored.code) }
            try Self.insertService(db, stored, document: document)
            try Self.raiseRevision(db)
            try Self.remember(db, idempotency, stored)
            return stored
        }
    }

    package func appendVersion(
        code: String,
        idempotency: IdempotencyClaim?,
        revise: @escaping @Sendable (ServiceProfile) throws -> ServiceProfile
    ) async throws -> ServiceProfile {
        try await pool.writeImmediately { db in
            if let earlier = try Self.replay(db, idempotency) { return earlier }
            guard
                let document = try String.fetchOne(
                    db,
                    sql: """
                        SELECT v.profile FROM catalogService s
                        JOIN serviceVersion v ON v.code = s.code AND v.version = s.currentVersion
                        WHERE s.code = ?
                        """,
                    arguments: [code])
            else { throw CatalogStoreError.unknownService(code) }
            let current = try Self.decode(document)
            var next = try revise(current)
            next.code = current.code
            next.version = current.version + 1
            try Self.insertVersion(db, next, document: try Self.encode(next))
            try db.execute(
                sql: "UPDATE catalogService SET currentVersion = ?, active = ?, category = ? WHERE code = ?",
                arguments: [next.version, next.active, next.category, next.code])
            try Self.raiseRevision(db)
            try Self.remember(db, idempotency, next)
            return next
        }
    }

    package func isReady() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    // MARK: - Inside transactions

    private static func revision(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT revision FROM catalogRevision WHERE id = 1") ?? 0
    }

    private static func raiseRevision(_ db: Database) throws {
        try db.execute(sql: "UPDATE catalogRevision SET revision = revision + 1 WHERE id = 1")
    }

    private static func insertService(_ db: Database, _ profile: ServiceProfile, document: String) throws {
        try db.execute(
            sql:
                "INSERT INTO catalogService (code, currentVersion, active, category, createdAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [profile.code, profile.version, profile.active, profile.category, profile.updatedAt])
        try insertVersion(db, profile, document: document)
    }

    private static func insertVersion(_ db: Database, _ profile: ServiceProfile, document: String) throws {
        try db.execute(
            sql: """
                INSERT INTO serviceVersion (code, version, title, category, active, updatedAt, profile)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                profile.code, profile.version, profile.title, profile.category, profile.active, profile.updatedAt,
                document,
            ])
    }

    /// The profile stored under an idempotency key seen before, if any.
    private static func replay(_ db: Database, _ claim: IdempotencyClaim?) throws -> ServiceProfile? {
        guard let claim,
            let row = try Row.fetchOne(
                db, sql: "SELECT route, code, version FROM idempotencyKey WHERE key = ?", arguments: [claim.key])
        else { return nil }
        let route: String = row["route"]
        guard route == claim.route else { throw CatalogStoreError.idempotencyKeyReused(route: route) }
        guard
            let document = try String.fetchOne(
                db, sql: "SELECT profile FROM serviceVersion WHERE code = ? AND version = ?",
                arguments: [row["code"] as String, row["version"] as Int])
        else { throw CatalogStoreError.unreadable("idempotency key \(claim.key) names a missing version") }
        return try decode(document)
    }

    /// Records which version a keyed write stored, and forgets keys past their retention.
    private static func remember(_ db: Database, _ claim: IdempotencyClaim?, _ profile: ServiceProfile) throws {
        guard let claim else { return }
        let now = Date()
        try db.execute(
            sql: "DELETE FROM idempotencyKey WHERE createdAt < ?",
            arguments: [now.addingTimeInterval(-idempotencyRetention)])
        try db.execute(
            sql: "INSERT INTO idempotencyKey (key, route, code, version, createdAt) VALUES (?, ?, ?, ?, ?)",
            arguments: [claim.key, claim.route, profile.code, profile.version, now])
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
