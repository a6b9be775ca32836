import Foundation
import Logging
import MizPostgres
import MizSchema
import PostgresNIO

/// The identity service's own store (logins, limits, sessions, staff, audit) in a PostgreSQL
/// schema, with the same tables and rules as `SQLiteAuthStore`, shared by any number of
/// identity-verifier instances.
///
/// - Rate limits take transaction-scoped advisory locks on their buckets (in name order, so
///   two calls never wait on each other crosswise): instances counting one bucket at once
///   count exactly, and never admit more than the limit.
/// - Failure counts lock their subject the same way, so five wrong codes through two
///   instances still lock the national code.
/// - A code is used by one `UPDATE … WHERE usedAt IS NULL`: of two instances using it at
///   once, one wins. A new challenge locks its national code, so only the newest stays open.
/// - A staff user name is checked under a lock on the name, and is unique in the table.
package final class PostgresAuthStore: AuthStore {
    private static let challengeColumns =
        "id, nationalCode, codeHash, createdAt, expiresAt, resendAt, usedAt, wrongTries, mobile"
    private typealias ChallengeRow = (String, String, Data, Double, Double, Double, Double?, Int, String?)
    private static let staffColumns = "id, username, displayName, role, provinces, passwordHash, createdAt, enabled"
    private typealias StaffRow = (String, String, String, String, String, String, Double, Bool)

    private let database: ServiceDatabase
    private let logger: Logger

    /// A store over `database`, whose pool must be running; call `migrate()` before use.
    package init(database: ServiceDatabase, logger: Logger = Logger(label: "miz.identity.postgres")) {
        self.database = database
        self.logger = logger
    }

    /// Applies the identity service's migrations the schema lacks.
    package func migrate() async throws {
        try await database.migrate(component: AuthPostgresSchema.component, AuthPostgresSchema.migrations)
    }

    package func admit(_ buckets: [(bucket: String, limit: Int)], window: TimeInterval, now: Date) async throws
        -> Bool
    {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        let names = buckets.map(\.bucket)
        let limits = buckets.map(\.limit)
        return try await database.transaction { connection in
            for name in Set(names).sorted() {
                try await connection.lockForTransaction(namespace: "miz.identity.bucket", value: name, logger: logger)
            }
            try await connection.query(
                "DELETE FROM attempt WHERE bucket = ANY(\(names)) AND at <= \(stamp - window)", logger: logger)
            for (bucket, limit) in zip(names, limits) {
                let count = try await connection.integer(
                    "SELECT COUNT(*) FROM attempt WHERE bucket = \(bucket) AND at > \(stamp - window)", logger: logger)
                if count >= limit { return false }
            }
            for bucket in names {
                try await connection.query(
                    "INSERT INTO attempt (bucket, at) VALUES (\(bucket), \(stamp))", logger: logger)
            }
            return true
        }
    }

    package func lockedUntil(_ subject: String, now: Date) async throws -> Date? {
        let logger = logger
        let until = try await database.withConnection { connection in
            var until: Double?
            for try await value in try await connection.query(
                "SELECT lockedUntil FROM lockout WHERE subject = \(subject)", logger: logger
            ).decode(Double?.self) {
                until = value
            }
            return until
        }
        guard let until, until > now.timeIntervalSince1970 else { return nil }
        return Date(timeIntervalSince1970: until)
    }

    package func recordFailure(_ subject: String, threshold: Int, lockDuration: TimeInterval, now: Date) async throws
        -> Date?
    {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        let until = try await database.transaction { connection -> Double? in
            try await connection.lockForTransaction(namespace: "miz.identity.lockout", value: subject, logger: logger)
            var failures = 0
            var lockedUntil: Double?
            for try await (count, until) in try await connection.query(
                "SELECT failures, lockedUntil FROM lockout WHERE subject = \(subject)", logger: logger
            ).decode((Int, Double?).self) {
                failures = count
                lockedUntil = until
            }
            if let until = lockedUntil, until <= stamp {
                failures = 0
                lockedUntil = nil
            }
            failures += 1
            if failures >= threshold {
                lockedUntil = stamp + lockDuration
                failures = 0
            }
            try await connection.query(
                """
                INSERT INTO lockout (subject, failures, lockedUntil) VALUES (\(subject), \(failures), \(lockedUntil))
                ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, lockedUntil = excluded.lockedUntil
                """, logger: logger)
            return lockedUntil
        }
        guard let until, until > stamp else { return nil }
        return Date(timeIntervalSince1970: until)
    }

    package func clearFailures(_ subject: String) async throws {
        let logger = logger
        try await database.transaction { connection in
            try await connection.lockForTransaction(namespace: "miz.identity.lockout", value: subject, logger: logger)
            try await connection.query("DELETE FROM lockout WHERE subject = \(subject)", logger: logger)
        }
    }

    package func latestChallenge(nationalCode: String) async throws -> LoginChallengeRecord? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.challenges(
                connection, logger,
                """
                SELECT \(unescaped: Self.challengeColumns) FROM loginChallenge WHERE nationalCode = \(nationalCode)
                ORDER BY createdAt DESC LIMIT 1
                """
            ).first
        }
    }

    package func insertChallenge(_ challenge: LoginChallengeRecord) async throws {
        let logger = logger
        let created = challenge.createdAt.timeIntervalSince1970
        try await database.transaction { connection in
            try await connection.lockForTransaction(
                namespace: "miz.identity.challenge", value: challenge.nationalCode, logger: logger)
            try await connection.query(
                "DELETE FROM loginChallenge WHERE expiresAt < \(created - SQLiteAuthStore.retention)", logger: logger)
            try await connection.query(
                """
                UPDATE loginChallenge SET usedAt = \(created)
                WHERE nationalCode = \(challenge.nationalCode) AND usedAt IS NULL
                """, logger: logger)
            try await connection.query(
                """
                INSERT INTO loginChallenge
                    (id, nationalCode, codeHash, createdAt, expiresAt, resendAt, usedAt, wrongTries, mobile)
                VALUES (\(challenge.id), \(challenge.nationalCode), \(challenge.codeHash), \(created),
                    \(challenge.expiresAt.timeIntervalSince1970), \(challenge.resendAt.timeIntervalSince1970), NULL, 0,
                    \(challenge.mobile))
                """, logger: logger)
        }
    }

    package func challenge(id: String) async throws -> LoginChallengeRecord? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.challenges(
                connection, logger,
                "SELECT \(unescaped: Self.challengeColumns) FROM loginChallenge WHERE id = \(id)"
            ).first
        }
    }

    package func useChallenge(id: String, now: Date) async throws -> Bool {
        let logger = logger
        return try await database.withConnection { connection in
            try await connection.changesRow(
                """
                UPDATE loginChallenge SET usedAt = \(now.timeIntervalSince1970) WHERE id = \(id) AND usedAt IS NULL
                RETURNING id
                """, logger: logger)
        }
    }

    package func countWrongCode(challengeId: String) async throws {
        let logger = logger
        _ = try await database.withConnection { connection in
            try await connection.query(
                "UPDATE loginChallenge SET wrongTries = wrongTries + 1 WHERE id = \(challengeId)", logger: logger)
        }
    }

    package func insertSession(_ session: SessionRecord) async throws {
        let logger = logger
        let created = session.createdAt.timeIntervalSince1970
        try await database.transaction { connection in
            try await connection.query(
                "DELETE FROM session WHERE expiresAt < \(created - SQLiteAuthStore.retention)", logger: logger)
            try await connection.query(
                """
                INSERT INTO session (id, kind, subject, createdAt, expiresAt, revokedAt, mobile)
                VALUES (\(session.id), \(session.kind.rawValue), \(session.subject), \(created),
                    \(session.expiresAt.timeIntervalSince1970), NULL, \(session.mobile))
                """, logger: logger)
        }
    }

    package func session(id: String) async throws -> SessionRecord? {
        let logger = logger
        return try await database.withConnection { connection in
            var found: SessionRecord?
            for try await (id, kind, subject, createdAt, expiresAt, revokedAt, mobile) in try await connection.query(
                "SELECT id, kind, subject, createdAt, expiresAt, revokedAt, mobile FROM session WHERE id = \(id)",
                logger: logger
            ).decode((String, String, String, Double, Double, Double?, String?).self) {
                found = SessionRecord(
                    id: id, kind: Caller.Kind(rawValue: kind) ?? .anonymous, subject: subject,
                    createdAt: Date(timeIntervalSince1970: createdAt),
                    expiresAt: Date(timeIntervalSince1970: expiresAt),
                    revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:)), mobile: mobile)
            }
            return found
        }
    }

    package func revokeSession(id: String, now: Date) async throws -> Bool {
        let logger = logger
        return try await database.withConnection { connection in
            try await connection.changesRow(
                """
                UPDATE session SET revokedAt = \(now.timeIntervalSince1970) WHERE id = \(id) AND revokedAt IS NULL
                RETURNING id
                """, logger: logger)
        }
    }

    package func revokeSessions(kind: String, subject: String, now: Date) async throws {
        let logger = logger
        _ = try await database.withConnection { connection in
            try await connection.query(
                """
                UPDATE session SET revokedAt = \(now.timeIntervalSince1970)
                WHERE kind = \(kind) AND subject = \(subject) AND revokedAt IS NULL
                """, logger: logger)
        }
    }

    package func insertStaff(_ staff: StaffRecord, audit: AuditEntry) async throws {
        let logger = logger
        let provinces = String(decoding: try JSONEncoder().encode(staff.account.provinces), as: UTF8.self)
        let account = staff.account
        let stamp = account.createdAt.timeIntervalSince1970
        try await database.transaction { connection in
            try await connection.lockForTransaction(
                namespace: "miz.identity.username", value: account.username, logger: logger)
            let taken = try await connection.integer(
                "SELECT COUNT(*) FROM staff WHERE username = \(account.username)", logger: logger)
            guard taken == 0 else { throw AuthStoreError.usernameTaken }
            try await connection.query(
                """
                INSERT INTO staff (id, username, displayName, role, provinces, passwordHash, createdAt, passwordChangedAt)
                VALUES (\(account.id), \(account.username), \(account.displayName), \(account.role.rawValue),
                    \(provinces), \(staff.passwordHash), \(stamp), \(stamp))
                """, logger: logger)
            try await Self.insert(audit, connection, logger)
        }
    }

    package func staff(username: String) async throws -> StaffRecord? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.staff(
                connection, logger, "SELECT \(unescaped: Self.staffColumns) FROM staff WHERE username = \(username)"
            ).first
        }
    }

    package func staff(id: String) async throws -> StaffRecord? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.staff(
                connection, logger, "SELECT \(unescaped: Self.staffColumns) FROM staff WHERE id = \(id)"
            )
            .first
        }
    }

    package func allStaff() async throws -> [StaffRecord] {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.staff(
                connection, logger, "SELECT \(unescaped: Self.staffColumns) FROM staff ORDER BY username")
        }
    }

    package func updatePassword(username: String, hash: String, audit: AuditEntry, now: Date) async throws
        -> StaffRecord
    {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        return try await database.transaction { connection in
            guard
                var record = try await Self.staff(
                    connection, logger,
                    "SELECT \(unescaped: Self.staffColumns) FROM staff WHERE username = \(username) FOR UPDATE"
                ).first
            else { throw AuthStoreError.noSuchStaff }
            try await connection.query(
                "UPDATE staff SET passwordHash = \(hash), passwordChangedAt = \(stamp) WHERE id = \(record.account.id)",
                logger: logger)
            try await connection.query(
                """
                UPDATE session SET revokedAt = \(stamp)
                WHERE kind = 'staff' AND subject = \(record.account.id) AND revokedAt IS NULL
                """, logger: logger)
            try await Self.insert(audit, connection, logger)
            record.passwordHash = hash
            return record
        }
    }

    package func updateStaff(
        username: String, enabled: Bool?, provinces: [String]?, audit: [AuditEntry], keepingAnAdministrator: Bool,
        now: Date
    ) async throws -> StaffRecord {
        let logger = logger
        let encoded = try provinces.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let stamp = now.timeIntervalSince1970
        return try await database.transaction { connection in
            // One lock for every change of who is enabled: the count of enabled administrators
            // below cannot change under this transaction.
            try await connection.lockForTransaction(namespace: "miz.identity.staff", value: "enabled", logger: logger)
            guard
                var record = try await Self.staff(
                    connection, logger,
                    "SELECT \(unescaped: Self.staffColumns) FROM staff WHERE username = \(username) FOR UPDATE"
                ).first
            else { throw AuthStoreError.noSuchStaff }
            let id = record.account.id
            if keepingAnAdministrator, enabled == false, record.account.enabled,
                record.account.role == .administrator
            {
                let others = try await connection.integer(
                    "SELECT COUNT(*) FROM staff WHERE role = 'administrator' AND enabled AND id <> \(id)",
                    logger: logger)
                guard others > 0 else { throw AuthStoreError.lastAdministrator }
            }
            if let enabled {
                try await connection.query("UPDATE staff SET enabled = \(enabled) WHERE id = \(id)", logger: logger)
                record.account.enabled = enabled
                if !enabled {
                    try await connection.query(
                        """
                        UPDATE session SET revokedAt = \(stamp)
                        WHERE kind = 'staff' AND subject = \(id) AND revokedAt IS NULL
                        """, logger: logger)
                }
            }
            if let provinces, let encoded {
                try await connection.query("UPDATE staff SET provinces = \(encoded) WHERE id = \(id)", logger: logger)
                record.account.provinces = provinces
            }
            for entry in audit { try await Self.insert(entry, connection, logger) }
            return record
        }
    }

    package func appendAudit(_ entry: AuditEntry) async throws {
        let logger = logger
        try await database.transaction { connection in try await Self.insert(entry, connection, logger) }
    }

    package func audit(matching filter: AuditFilter, offset: Int, limit: Int) async throws -> [AuditEntry] {
        let logger = logger
        return try await database.withConnection { connection in
            var entries: [AuditEntry] = []
            for try await (id, at, actor, action, target, outcome, address, detail) in try await connection.query(
                Self.filtered(
                    "SELECT id, at, actor, action, target, outcome, clientAddress, detail", filter,
                    "ORDER BY id DESC LIMIT \(limit) OFFSET \(offset)"), logger: logger
            ).decode((Int, Double, String, String, String?, String, String?, String?).self) {
                entries.append(
                    AuditEntry(
                        id: id, at: Date(timeIntervalSince1970: at), actor: actor, action: action, target: target,
                        outcome: outcome, clientAddress: address, detail: detail))
            }
            return entries
        }
    }

    package func auditCount(matching filter: AuditFilter) async throws -> Int {
        let logger = logger
        return try await database.withConnection { connection in
            try await connection.integer(Self.filtered("SELECT COUNT(*)", filter, ""), logger: logger)
        }
    }

    /// A query over the audit rows `filter` keeps; a nil part of the filter leaves its
    /// condition out.
    private static func filtered(_ head: String, _ filter: AuditFilter, _ tail: String) -> PostgresQuery {
        let actor = filter.actor
        let action = filter.action
        let from = filter.from?.timeIntervalSince1970
        let before = filter.before?.timeIntervalSince1970
        return """
            \(unescaped: head) FROM audit
            WHERE (\(actor)::text IS NULL OR actor = \(actor)::text)
                AND (\(action)::text IS NULL OR action = \(action)::text)
                AND (\(from)::float8 IS NULL OR at >= \(from)::float8)
                AND (\(before)::float8 IS NULL OR at < \(before)::float8)
            \(unescaped: tail)
            """
    }

    package func isReady() async -> Bool {
        await database.isReady()
    }

    // MARK: - Rows

    private static func insert(_ entry: AuditEntry, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO audit (at, actor, action, target, outcome, clientAddress, detail)
            VALUES (\(entry.at.timeIntervalSince1970), \(entry.actor), \(entry.action), \(entry.target),
                \(entry.outcome), \(entry.clientAddress), \(entry.detail))
            """, logger: logger)
    }

    private static func challenges(_ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery)
        async throws -> [LoginChallengeRecord]
    {
        var challenges: [LoginChallengeRecord] = []
        for try await row in try await connection.query(query, logger: logger).decode(ChallengeRow.self) {
            challenges.append(
                LoginChallengeRecord(
                    id: row.0, nationalCode: row.1, codeHash: row.2, createdAt: Date(timeIntervalSince1970: row.3),
                    expiresAt: Date(timeIntervalSince1970: row.4), resendAt: Date(timeIntervalSince1970: row.5),
                    usedAt: row.6.map(Date.init(timeIntervalSince1970:)), wrongTries: row.7, mobile: row.8))
        }
        return challenges
    }

    private static func staff(_ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery)
        async throws -> [StaffRecord]
    {
        var records: [StaffRecord] = []
        for try await row in try await connection.query(query, logger: logger).decode(StaffRow.self) {
            let provinces = try JSONDecoder().decode([String].self, from: Data(row.4.utf8))
            let account = StaffAccount(
                id: row.0, username: row.1, displayName: row.2, role: StaffRole(rawValue: row.3) ?? .official,
                provinces: provinces, createdAt: Date(timeIntervalSince1970: row.6), enabled: row.7)
            records.append(StaffRecord(account: account, passwordHash: row.5))
        }
        return records
    }
}
