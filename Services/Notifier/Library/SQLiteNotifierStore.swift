import Foundation
import GRDB
import MizRuntime
import MizSchema

/// The notifier's store in one SQLite file (GRDB `DatabasePool`, WAL), migrated on open.
///
/// Writes run in IMMEDIATE transactions, so instances sharing the file queue for the write
/// lock and a claim never hands one message to two relays.
package final class SQLiteNotifierStore: NotifierStore {
    /// The database file's name inside the data folder.
    package static let fileName = "notifier.sqlite"

    private let pool: DatabasePool

    /// Opens (creating when missing) and migrates the database at `path`.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "notifier"
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try NotifierDatabaseSchema.migrator.migrate(pool)
    }

    package func enqueue(_ message: NewMessage, hourlyLimit: Int, now: Date) async throws
        -> (StoredMessage, duplicate: Bool)
    {
        try await pool.writeImmediately { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT * FROM message WHERE eventId = ?", arguments: [message.eventId])
            {
                let same =
                    (row["recipient"] as String) == message.recipient
                    && (row["template"] as String) == message.template.rawValue
                    && (row["templateVersion"] as Int) == message.templateVersion
                    && (row["parameters"] as String) == message.parameters
                guard same else { throw NotifierStoreError.eventIdReused }
                return (try Self.message(row), true)
            }
            let stamp = now.timeIntervalSince1970
            let recent =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM message WHERE recipient = ? AND createdAt > ?
                        AND NOT (status = 'failed' AND failureReason = 'rateLimited')
                        """,
                    arguments: [message.recipient, stamp - 3600]) ?? 0
            let limited = recent >= hourlyLimit
            try db.execute(
                sql: """
                    INSERT INTO message (eventId, recipient, template, templateVersion, parameters, body, status,
                        failureReason, createdAt, nextAttemptAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    message.eventId, message.recipient, message.template.rawValue, message.templateVersion,
                    message.parameters, message.body, limited ? "failed" : "queued",
                    limited ? DeliveryFailureReason.rateLimited.rawValue : nil, stamp, limited ? nil : stamp,
                ])
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM message WHERE id = ?", arguments: [db.lastInsertedRowID])
            else { throw NotifierStoreError.unreadable("inserted message") }
            return (try Self.message(row), false)
        }
    }

    package func message(eventId: String) async throws -> StoredMessage? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM message WHERE eventId = ?", arguments: [eventId]).map(Self.message)
        }
    }

    package func claimDue(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredMessage] {
        let stamp = now.timeIntervalSince1970
        return try await pool.writeImmediately { db in
            // A relay that died mid-send left its lease behind: the message goes back to the queue.
            try db.execute(
                sql: """
                    UPDATE message SET status = 'queued', leaseUntil = NULL, nextAttemptAt = ?
                    WHERE status = 'sending' AND leaseUntil < ?
                    """,
                arguments: [stamp, stamp])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM message WHERE status = 'queued' AND nextAttemptAt <= ?
                    ORDER BY nextAttemptAt, id LIMIT ?
                    """,
                arguments: [stamp, limit])
            var claimed: [StoredMessage] = []
            for row in rows {
                var message = try Self.message(row)
                message.status = .sending
                message.attempts += 1
                message.nextAttemptAt = nil
                try db.execute(
                    sql: """
                        UPDATE message SET status = 'sending', attempts = ?, leaseUntil = ?, nextAttemptAt = NULL
                        WHERE id = ?
                        """,
                    arguments: [message.attempts, stamp + lease, message.id])
                claimed.append(message)
            }
            return claimed
        }
    }

    package func finishAttempt(messageId: Int64, result: AttemptResult, now: Date) async throws {
        let stamp = now.timeIntervalSince1970
        try await pool.writeImmediately { db in
            guard
                let attempts = try Int.fetchOne(
                    db, sql: "SELECT attempts FROM message WHERE id = ?", arguments: [messageId])
            else { throw NotifierStoreError.unreadable("message \(messageId)") }
            let outcome: String
            let error: String?
            switch result {
            case .delivered(let providerMessageId):
                (outcome, error) = ("delivered", nil)
                try db.execute(
                    sql: """
                        UPDATE message SET status = 'delivered', deliveredAt = ?, providerMessageId = ?,
                            leaseUntil = NULL, lastError = NULL WHERE id = ?
                        """,
                    arguments: [stamp, providerMessageId, messageId])
            case .retry(let at, let message):
                (outcome, error) = ("temporaryFailure", message)
                try db.execute(
                    sql: """
                        UPDATE message SET status = 'queued', nextAttemptAt = ?, leaseUntil = NULL, lastError = ?
                        WHERE id = ?
                        """,
                    arguments: [at.timeIntervalSince1970, message, messageId])
            case .failed(let reason, let message):
                (outcome, error) = (reason.rawValue, message)
                try db.execute(
                    sql: """
                        UPDATE message SET status = 'failed', failureReason = ?, leaseUntil = NULL, lastError = ?
                        WHERE id = ?
                        """,
                    arguments: [reason.rawValue, message, messageId])
            }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO deliveryAttempt (messageId, attempt, finishedAt, outcome, error)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [messageId, attempts, stamp, outcome, error])
        }
    }

    package func nextWakeDate() async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(
                db,
                sql: """
                    SELECT MIN(t) FROM (
                        SELECT MIN(nextAttemptAt) AS t FROM message WHERE status = 'queued'
                        UNION ALL SELECT MIN(leaseUntil) FROM message WHERE status = 'sending'
                    )
                    """
            ).map { Date(timeIntervalSince1970: $0) }
        }
    }

    package func latest(limit: Int) async throws -> [StoredMessage] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM message ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map(Self.message)
        }
    }

    package func attemptLog(messageId: Int64) async throws -> [(attempt: Int, outcome: String, error: String?)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT attempt, outcome, error FROM deliveryAttempt WHERE messageId = ? ORDER BY attempt",
                arguments: [messageId]
            ).map { (attempt: $0["attempt"], outcome: $0["outcome"], error: $0["error"]) }
        }
    }

    package func isReady() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    // MARK: - Helpers

    private static func message(_ row: Row) throws -> StoredMessage {
        guard let template = NotificationKind(rawValue: row["template"]),
            let status = DeliveryStatus(rawValue: row["status"])
        else { throw NotifierStoreError.unreadable("message \(row["id"] as Int64? ?? 0)") }
        let reason: String? = row["failureReason"]
        return StoredMessage(
            id: row["id"], eventId: row["eventId"], recipient: row["recipient"], template: template,
            templateVersion: row["templateVersion"], body: row["body"], status: status,
            failureReason: reason.flatMap(DeliveryFailureReason.init(rawValue:)), lastError: row["lastError"],
            attempts: row["attempts"], createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            nextAttemptAt: (row["nextAttemptAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            deliveredAt: (row["deliveredAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

}
