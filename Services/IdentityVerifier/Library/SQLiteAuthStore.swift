import Foundation
import GRDB
import MizRuntime
import MizSchema

/// The identity service's own store in one SQLite file (GRDB `DatabasePool`, WAL), migrated on
/// open; separate from the embedded registry's file. Writes run in IMMEDIATE transactions.
package final class SQLiteAuthStore: AuthStore {
    /// The database file's name inside the data folder.
    package static let fileName = "identity.sqlite"

    private let pool: DatabasePool
    /// How long past its end a challenge or session row is kept (a day), then pruned by the
    /// next insert, so the tables do not grow without bound.
    static let retention: TimeInterval = 24 * 3600

    /// Opens (creating when missing) and migrates the database at `path`.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "identity"
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try AuthDatabaseSchema.migrator.migrate(pool)
    }

    package func admit(_ buckets: [(bucket: String, limit: Int)], window: TimeInterval, now: Date) async throws
        -> Bool
    {
        let stamp = now.timeIntervalSince1970
        let names = buckets.map(\.bucket)
        let limits = buckets.map(\.limit)
        return try await pool.writeImmediately { db in
            try db.execute(sql: "DELETE FROM attempt WHERE at <= ?", arguments: [stamp - window])
            for (bucket, limit) in zip(names, limits) {
                let count =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM attempt WHERE bucket = ? AND at > ?",
                        arguments: [bucket, stamp - window]) ?? 0
                if count >= limit { return false }
            }
            for bucket in names {
                try db.execute(sql: "INSERT INTO attempt (bucket, at) VALUES (?, ?)", arguments: [bucket, stamp])
            }
            return true
        }
    }

    package func lockedUntil(_ subject: String, now: Date) async throws -> Date? {
        try await pool.read { db in
            let until = try Double.fetchOne(
                db, sql: "SELECT lockedUntil FROM lockout WHERE subject = ?", arguments: [subject])
            guard let until, until > now.timeIntervalSince1970 else { return nil }
            return Date(timeIntervalSince1970: until)
        }
    }

    package func recordFailure(_ subject: String, threshold: Int, lockDuration: TimeInterval, now: Date) async throws
        -> Date?
    {
        let stamp = now.timeIntervalSince1970
        return try await pool.writeImmediately { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT failures, lockedUntil FROM lockout WHERE subject = ?", arguments: [subject])
            var lockedUntil: Double? = row.flatMap { $0["lockedUntil"] as Double? }
            var failures: Int = row.map { $0["failures"] as Int } ?? 0
            if let until = lockedUntil, until <= stamp {
                failures = 0
                lockedUntil = nil
            }
            failures += 1
            if failures >= threshold {
                lockedUntil = stamp + lockDuration
                failures = 0
            }
            try db.execute(
                sql: """
                    INSERT INTO lockout (subject, failures, lockedUntil) VALUES (?, ?, ?)
                    ON CONFLICT(subject) DO UPDATE SET failures = excluded.failures, lockedUntil = excluded.lockedUntil
                    """,
                arguments: [subject, failures, lockedUntil])
            guard let lockedUntil, lockedUntil > stamp else { return nil }
            return Date(timeIntervalSince1970: lockedUntil)
        }
    }

    package func clearFailures(_ subject: String) async throws {
        try await pool.writeImmediately { db in
            try db.execute(sql: "DELETE FROM lockout WHERE subject = ?", arguments: [subject])
        }
    }

    package func latestChallenge(nationalCode: String) async throws -> LoginChallengeRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM loginChallenge WHERE nationalCode = ? ORDER BY createdAt DESC LIMIT 1",
                arguments: [nationalCode]
            ).map(Self.challenge)
        }
    }

    package func insertChallenge(_ challenge: LoginChallengeRecord) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: "DELETE FROM loginChallenge WHERE expiresAt < ?",
                arguments: [challenge.createdAt.timeIntervalSince1970 - Self.retention])
            try db.execute(
                sql: "UPDATE loginChallenge SET usedAt = ? WHERE nationalCode = ? AND usedAt IS NULL",
                arguments: [challenge.createdAt.timeIntervalSince1970, challenge.nationalCode])
            try db.execute(
                sql: """
                    INSERT INTO loginChallenge
                        (id, nationalCode, codeHash, createdAt, expiresAt, resendAt, usedAt, wrongTries, mobile)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?)
                    """,
                arguments: [
                    challenge.id, challenge.nationalCode, challenge.codeHash, challenge.createdAt.timeIntervalSince1970,
                    challenge.expiresAt.timeIntervalSince1970, challenge.resendAt.timeIntervalSince1970,
                    challenge.mobile,
                ])
        }
    }

    package func challenge(id: String) async throws -> LoginChallengeRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM loginChallenge WHERE id = ?", arguments: [id]).map(Self.challenge)
        }
    }

    package func useChallenge(id: String, now: Date) async throws -> Bool {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: "UPDATE loginChallenge SET usedAt = ? WHERE id = ? AND usedAt IS NULL",
                arguments: [now.timeIntervalSince1970, id])
            return db.changesCount == 1
        }
    }

    package func countWrongCode(challengeId: String) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: "UPDATE loginChallenge SET wrongTries = wrongTries + 1 WHERE id = ?", arguments: [challengeId])
        }
    }

    package func insertSession(_ session: SessionRecord) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: "DELETE FROM session WHERE expiresAt < ?",
                arguments: [session.createdAt.timeIntervalSince1970 - Self.retention])
            try db.execute(
                sql: """
                    INSERT INTO session (id, kind, subject, createdAt, expiresAt, revokedAt, mobile)
                    VALUES (?, ?, ?, ?, ?, NULL, ?)
                    """,
                arguments: [
                    session.id, session.kind.rawValue, session.subject, session.createdAt.timeIntervalSince1970,
                    session.expiresAt.timeIntervalSince1970, session.mobile,
                ])
        }
    }

    package func session(id: String) async throws -> SessionRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM session WHERE id = ?", arguments: [id]).map { row in
                SessionRecord(
                    id: row["id"], kind: Caller.Kind(rawValue: row["kind"]) ?? .anonymous, subject: row["subject"],
                    createdAt: Date(timeIntervalSince1970: row["createdAt"]),
                    expiresAt: Date(timeIntervalSince1970: row["expiresAt"]),
                    revokedAt: (row["revokedAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    mobile: row["mobile"])
            }
        }
    }

    package func revokeSession(id: String, now: Date) async throws -> Bool {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: "UPDATE session SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL",
                arguments: [now.timeIntervalSince1970, id])
            return db.changesCount == 1
        }
    }

    package func revokeSessions(kind: String, subject: String, now: Date) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: "UPDATE session SET revokedAt = ? WHERE kind = ? AND subject = ? AND revokedAt IS NULL",
                arguments: [now.timeIntervalSince1970, kind, subject])
        }
    }

    package func insertStaff(_ staff: StaffRecord, audit: AuditEntry) async throws {
        let provinces = try Self.encodeProvinces(staff.account.provinces)
        try await pool.writeImmediately { db in
            let taken =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?)",
                    arguments: [staff.account.username]) ?? false
            guard !taken else { throw AuthStoreError.usernameTaken }
            let stamp = staff.account.createdAt.timeIntervalSince1970
            try db.execute(
                sql: """
                    INSERT INTO staff (id, username, displayName, role, provinces, passwordHash, createdAt, passwordChangedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    staff.account.id, staff.account.username, staff.account.displayName, staff.account.role.rawValue,
                    provinces, staff.passwordHash, stamp, stamp,
                ])
            try Self.insert(audit, db)
        }
    }

    package func staff(username: String) async throws -> StaffRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [username]).map(Self.staff)
        }
    }

    package func staff(id: String) async throws -> StaffRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id]).map(Self.staff)
        }
    }

    package func allStaff() async throws -> [StaffRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY username").map(Self.staff)
        }
    }

    package func updatePassword(username: String, hash: String, audit: AuditEntry, now: Date) async throws
        -> StaffRecord
    {
        try await pool.writeImmediately { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [username])
            else { throw AuthStoreError.noSuchStaff }
            var record = try Self.staff(row)
            try db.execute(
                sql: "UPDATE staff SET passwordHash = ?, passwordChangedAt = ? WHERE id = ?",
                arguments: [hash, now.timeIntervalSince1970, record.account.id])
            try db.execute(
                sql: "UPDATE session SET revokedAt = ? WHERE kind = 'staff' AND subject = ? AND revokedAt IS NULL",
                arguments: [now.timeIntervalSince1970, record.account.id])
            try Self.insert(audit, db)
            record.passwordHash = hash
            return record
        }
    }

    package func updateStaff(
        username: String, enabled: Bool?, provinces: [String]?, audit: [AuditEntry], keepingAnAdministrator: Bool,
        now: Date
    ) async throws -> StaffRecord {
        let encoded = try provinces.map(Self.encodeProvinces)
        return try await pool.writeImmediately { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [username])
            else { throw AuthStoreError.noSuchStaff }
            var record = try Self.staff(row)
            if keepingAnAdministrator, enabled == false, record.account.enabled,
                record.account.role == .administrator
            {
                let others =
                    try Int.fetchOne(
                        db,
                        sql: "SELECT COUNT(*) FROM staff WHERE role = 'administrator' AND enabled = 1 AND id <> ?",
                        arguments: [record.account.id]) ?? 0
                guard others > 0 else { throw AuthStoreError.lastAdministrator }
            }
            if let enabled {
                try db.execute(
                    sql: "UPDATE staff SET enabled = ? WHERE id = ?", arguments: [enabled, record.account.id])
                record.account.enabled = enabled
                if !enabled {
                    try db.execute(
                        sql:
                            "UPDATE session SET revokedAt = ? WHERE kind = 'staff' AND subject = ? AND revokedAt IS NULL",
                        arguments: [now.timeIntervalSince1970, record.account.id])
                }
            }
            if let provinces, let encoded {
                try db.execute(
                    sql: "UPDATE staff SET provinces = ? WHERE id = ?", arguments: [encoded, record.account.id])
                record.account.provinces = provinces
            }
            for entry in audit { try Self.insert(entry, db) }
            return record
        }
    }

    package func appendAudit(_ entry: AuditEntry) async throws {
        try await pool.writeImmediately { db in try Self.insert(entry, db) }
    }

    package func audit(matching filter: AuditFilter, offset: Int, limit: Int) async throws -> [AuditEntry] {
        let (condition, arguments) = Self.condition(filter)
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit \(condition) ORDER BY id DESC LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset]
            ).map { row in
                AuditEntry(
                    id: row["id"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
                    action: row["action"], target: row["target"], outcome: row["outcome"],
                    clientAddress: row["clientAddress"], detail: row["detail"])
            }
        }
    }

    package func auditCount(matching filter: AuditFilter) async throws -> Int {
        let (condition, arguments) = Self.condition(filter)
        return try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit \(condition)", arguments: arguments) ?? 0
        }
    }

    /// The WHERE clause of a filter (empty for none) and its arguments; only the parts given
    /// are in it, so SQLite can use the indexes on actor, action and time.
    private static func condition(_ filter: AuditFilter) -> (String, StatementArguments) {
        var parts: [String] = []
        var arguments: StatementArguments = []
        if let actor = filter.actor {
            parts.append("actor = ?")
            arguments += [actor]
        }
        if let action = filter.action {
            parts.append("action = ?")
            arguments += [action]
        }
        if let from = filter.from {
            parts.append("at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let before = filter.before {
            parts.append("at < ?")
            arguments += [before.timeIntervalSince1970]
        }
        return (parts.isEmpty ? "" : "WHERE " + parts.joined(separator: " AND "), arguments)
    }

    package func isReady() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    // MARK: - Rows

    private static func insert(_ entry: AuditEntry, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO audit (at, actor, action, target, outcome, clientAddress, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.at.timeIntervalSince1970, entry.actor, entry.action, entry.target, entry.outcome,
                entry.clientAddress, entry.detail,
            ])
    }

    private static func challenge(_ row: Row) -> LoginChallengeRecord {
        LoginChallengeRecord(
            id: row["id"], nationalCode: row["nationalCode"], codeHash: row["codeHash"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            expiresAt: Date(timeIntervalSince1970: row["expiresAt"]),
            resendAt: Date(timeIntervalSince1970: row["resendAt"]),
            usedAt: (row["usedAt"] as Double?).map(Date.init(timeIntervalSince1970:)), wrongTries: row["wrongTries"],
            mobile: row["mobile"])
    }

    private static func staff(_ row: Row) throws -> StaffRecord {
        let provinces = try JSONDecoder().decode([String].self, from: Data((row["provinces"] as String).utf8))
        let account = StaffAccount(
            id: row["id"], username: row["username"], displayName: row["displayName"],
            role: StaffRole(rawValue: row["role"]) ?? .official, provinces: provinces,
            createdAt: Date(timeIntervalSince1970: row["createdAt"]), enabled: row["enabled"])
        return StaffRecord(account: account, passwordHash: row["passwordHash"])
    }

    private static func encodeProvinces(_ provinces: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(provinces), as: UTF8.self)
    }
}
