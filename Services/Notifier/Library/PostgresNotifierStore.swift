import Foundation
import Logging
import MizPostgres
import MizSchema
import PostgresNIO

/// The notifier's store in a PostgreSQL schema, with the same tables and rules as
/// `SQLiteNotifierStore`, shared by any number of notifier instances.
///
/// - `enqueue` takes a transaction-scoped advisory lock on the recipient, so the hourly limit
///   counts exactly when two instances queue for the same person at once; the event id is
///   unique, and an insert that loses a race reads the winner's row instead.
/// - `claimDue` takes due messages with `FOR UPDATE SKIP LOCKED`: instances claiming at once
///   each get different messages and never wait for one another.
package final class PostgresNotifierStore: NotifierStore {
    /// The columns a `StoredMessage` is read from, in the order `StoredRow` decodes them.
    private static let columns = """
        id, eventId, recipient, template, templateVersion, body, status, failureReason, lastError, attempts,
        createdAt, nextAttemptAt, deliveredAt, parameters
        """
    private typealias StoredRow = (
        Int64, String, String, String, Int, String, String, String?, String?, Int, Double, Double?, Double?, String
    )

    private let database: ServiceDatabase
    private let logger: Logger

    /// A store over `database`, whose pool must be running; call `migrate()` before use.
    package init(database: ServiceDatabase, logger: Logger = Logger(label: "miz.notifier.postgres")) {
        self.database = database
        self.logger = logger
    }

    /// Applies the notifier's migrations the schema lacks.
    package func migrate() async throws {
        try await database.migrate(component: NotifierPostgresSchema.component, NotifierPostgresSchema.migrations)
    }

    package func enqueue(_ message: NewMessage, hourlyLimit: Int, now: Date) async throws
        -> (StoredMessage, duplicate: Bool)
    {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        return try await database.transaction { connection in
            try await connection.lockForTransaction(
                namespace: "miz.notifier.recipient", value: message.recipient, logger: logger)
            if let earlier = try await Self.existing(connection, logger, message) { return (earlier, true) }
            var recent = 0
            for try await count in try await connection.query(
                """
                SELECT COUNT(*) FROM message WHERE recipient = \(message.recipient) AND createdAt > \(stamp - 3600)
                AND NOT (status = 'failed' AND failureReason = 'rateLimited')
                """, logger: logger
            ).decode(Int.self) {
                recent = count
            }
            let limited = recent >= hourlyLimit
            let status = limited ? "failed" : "queued"
            let reason: String? = limited ? DeliveryFailureReason.rateLimited.rawValue : nil
            let due: Double? = limited ? nil : stamp
            let inserted = try await Self.messages(
                connection, logger,
                """
                INSERT INTO message (eventId, recipient, template, templateVersion, parameters, body, status,
                    failureReason, createdAt, nextAttemptAt)
                VALUES (\(message.eventId), \(message.recipient), \(message.template.rawValue),
                    \(message.templateVersion), \(message.parameters), \(message.body), \(status), \(reason), \(stamp),
                    \(due))
                ON CONFLICT (eventId) DO NOTHING
                RETURNING \(unescaped: Self.columns)
                """)
            if let stored = inserted.first { return (stored, false) }
            // Another instance stored this event id (for another recipient) since the check above.
            guard let earlier = try await Self.existing(connection, logger, message) else {
                throw NotifierStoreError.unreadable("message of event \(message.eventId)")
            }
            return (earlier, true)
        }
    }

    package func message(eventId: String) async throws -> StoredMessage? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.messages(
                connection, logger, "SELECT \(unescaped: Self.columns) FROM message WHERE eventId = \(eventId)"
            ).first
        }
    }

    package func claimDue(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredMessage] {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        return try await database.transaction { connection in
            // A relay that died mid-send left its lease behind: the message goes back to the queue.
            try await connection.query(
                """
                UPDATE message SET status = 'queued', leaseUntil = NULL, nextAttemptAt = \(stamp)
                WHERE id IN (
                    SELECT id FROM message WHERE status = 'sending' AND leaseUntil < \(stamp)
                    FOR UPDATE SKIP LOCKED
                )
                """, logger: logger)
            let claimed = try await Self.dueMessages(
                connection, logger,
                """
                WITH due AS (
                    SELECT id AS dueId, nextAttemptAt AS dueAt FROM message
                    WHERE status = 'queued' AND nextAttemptAt <= \(stamp)
                    ORDER BY nextAttemptAt, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE message SET status = 'sending', attempts = attempts + 1, leaseUntil = \(stamp + lease),
                    nextAttemptAt = NULL
                FROM due WHERE id = due.dueId
                RETURNING \(unescaped: Self.columns), due.dueAt
                """)
            return claimed.sorted { ($0.dueAt, $0.message.id) < ($1.dueAt, $1.message.id) }.map(\.message)
        }
    }

    package func finishAttempt(messageId: Int64, result: AttemptResult, now: Date) async throws {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        try await database.transaction { connection in
            var attempts: Int?
            for try await value in try await connection.query(
                "SELECT attempts FROM message WHERE id = \(messageId) FOR UPDATE", logger: logger
            ).decode(Int.self) {
                attempts = value
            }
            guard let attempts else { throw NotifierStoreError.unreadable("message \(messageId)") }
            let outcome: String
            let error: String?
            switch result {
            case .delivered(let providerMessageId):
                (outcome, error) = ("delivered", nil)
                try await connection.query(
                    """
                    UPDATE message SET status = 'delivered', deliveredAt = \(stamp), providerMessageId = \(providerMessageId),
                        leaseUntil = NULL, lastError = NULL WHERE id = \(messageId)
                    """, logger: logger)
            case .retry(let at, let message):
                (outcome, error) = ("temporaryFailure", message)
                try await connection.query(
                    """
                    UPDATE message SET status = 'queued', nextAttemptAt = \(at.timeIntervalSince1970), leaseUntil = NULL,
                        lastError = \(message) WHERE id = \(messageId)
                    """, logger: logger)
            case .failed(let reason, let message):
                (outcome, error) = (reason.rawValue, message)
                try await connection.query(
                    """
                    UPDATE message SET status = 'failed', failureReason = \(reason.rawValue), leaseUntil = NULL,
                        lastError = \(message) WHERE id = \(messageId)
                    """, logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO deliveryAttempt (messageId, attempt, finishedAt, outcome, error)
                VALUES (\(messageId), \(attempts), \(stamp), \(outcome), \(error))
                ON CONFLICT (messageId, attempt) DO UPDATE
                SET finishedAt = excluded.finishedAt, outcome = excluded.outcome, error = excluded.error
                """, logger: logger)
        }
    }

    package func nextWakeDate() async throws -> Date? {
        let logger = logger
        return try await database.withConnection { connection in
            var next: Double?
            for try await value in try await connection.query(
                """
                SELECT LEAST(
                    (SELECT MIN(nextAttemptAt) FROM message WHERE status = 'queued'),
                    (SELECT MIN(leaseUntil) FROM message WHERE status = 'sending'))
                """, logger: logger
            ).decode(Double?.self) {
                next = value
            }
            return next.map { Date(timeIntervalSince1970: $0) }
        }
    }

    package func latest(limit: Int) async throws -> [StoredMessage] {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.messages(
                connection, logger, "SELECT \(unescaped: Self.columns) FROM message ORDER BY id DESC LIMIT \(limit)")
        }
    }

    package func attemptLog(messageId: Int64) async throws -> [(attempt: Int, outcome: String, error: String?)] {
        let logger = logger
        let rows = try await database.withConnection { connection in
            var rows: [AttemptRow] = []
            for try await (attempt, outcome, error) in try await connection.query(
                "SELECT attempt, outcome, error FROM deliveryAttempt WHERE messageId = \(messageId) ORDER BY attempt",
                logger: logger
            ).decode((Int, String, String?).self) {
                rows.append(AttemptRow(attempt: attempt, outcome: outcome, error: error))
            }
            return rows
        }
        return rows.map { (attempt: $0.attempt, outcome: $0.outcome, error: $0.error) }
    }

    package func isReady() async -> Bool {
        await database.isReady()
    }

    // MARK: - Helpers

    /// One line of the attempt log, Sendable for leaving the transaction.
    private struct AttemptRow: Sendable {
        var attempt: Int
        var outcome: String
        var error: String?
    }

    /// A claimed message with the time it was due, for ordering the claim as SQLite does.
    private struct DueMessage: Sendable {
        var message: StoredMessage
        var dueAt: Double
    }

    /// The message already stored under the event id, when it is the same message.
    ///
    /// - Throws: `NotifierStoreError.eventIdReused` when the id holds another message.
    private static func existing(
        _ connection: PostgresConnection, _ logger: Logger, _ message: NewMessage
    ) async throws -> StoredMessage? {
        var found: (StoredMessage, parameters: String)?
        for try await row in try await connection.query(
            "SELECT \(unescaped: columns) FROM message WHERE eventId = \(message.eventId)", logger: logger
        ).decode(StoredRow.self) {
            found = (try stored(row), row.13)
        }
        guard let (earlier, parameters) = found else { return nil }
        let same =
            earlier.recipient == message.recipient && earlier.template == message.template
            && earlier.templateVersion == message.templateVersion && parameters == message.parameters
        guard same else { throw NotifierStoreError.eventIdReused }
        return earlier
    }

    private static func messages(
        _ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery
    ) async throws -> [StoredMessage] {
        var messages: [StoredMessage] = []
        for try await row in try await connection.query(query, logger: logger).decode(StoredRow.self) {
            messages.append(try stored(row))
        }
        return messages
    }

    /// Claimed messages, each with the time it was due (the query's last column).
    private static func dueMessages(
        _ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery
    ) async throws -> [DueMessage] {
        var messages: [DueMessage] = []
        for try await row in try await connection.query(query, logger: logger).decode(
            (
                Int64, String, String, String, Int, String, String, String?, String?, Int, Double, Double?, Double?,
                String,
                Double
            ).self)
        {
            let message = try stored(
                (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13))
            messages.append(DueMessage(message: message, dueAt: row.14))
        }
        return messages
    }

    private static func stored(_ row: StoredRow) throws -> StoredMessage {
        let (id, eventId, recipient, template, templateVersion, body, status, reason, lastError, attempts) = (
            row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9
        )
        guard let template = NotificationKind(rawValue: template), let status = DeliveryStatus(rawValue: status) else {
            throw NotifierStoreError.unreadable("message \(id)")
        }
        return StoredMessage(
            id: id, eventId: eventId, recipient: recipient, template: template, templateVersion: templateVersion,
            body: body, status: status, failureReason: reason.flatMap(DeliveryFailureReason.init(rawValue:)),
            lastError: lastError, attempts: attempts, createdAt: Date(timeIntervalSince1970: row.10),
            nextAttemptAt: row.11.map(Date.init(timeIntervalSince1970:)),
            deliveredAt: row.12.map(Date.init(timeIntervalSince1970:)))
    }
}
