import Foundation
import Logging
import MizPostgres
import MizSchema
import PostgresNIO

/// The feedback store in a PostgreSQL schema, with the same tables and rules as
/// `SQLiteFeedbackStore`, shared by any number of feedback instances.
///
/// - A write that checks before it inserts first takes transaction-scoped advisory locks on
///   what it checks (the idempotency key, then the request or the sender), so instances
///   checking the same thing at once run one after another: one survey per request, one open
///   complaint per request, a sender's rate limit counted exactly. The unique constraints
///   still refuse a second row should anything bypass the locks.
/// - A challenge token is spent by an insert that does nothing on conflict: of two messages
///   spending one token, one gets through.
/// - Status moves lock the row (`FOR UPDATE`); outbox claims take due entries with
///   `FOR UPDATE SKIP LOCKED`, so relays of several instances never send one entry twice.
package final class PostgresFeedbackStore: FeedbackStore {
    private static let surveyColumns = """
        requestId, processNumber, serviceCode, province, ownerNationalCode, satisfaction, onTime, explanationClear,
        comment, submittedAt, updatedAt
        """
    private typealias SurveyRow = (String, String, String, String, String, Int, Bool, Bool, String?, Double, Double)
    private static let complaintColumns = """
        trackingNumber, requestId, processNumber, serviceCode, province, ownerNationalCode, applicantMobile, text,
        attachmentType, attachmentSize, attachmentSha256, status, answer, answeredBy, createdAt, reviewedAt,
        answeredAt, closedAt, dueAt
        """
    private typealias ComplaintRow = (
        String, String, String, String, String, String, String, String, String?, Int?, String?, String, String?,
        String?, Double, Double?, Double?, Double?, Double
    )
    private static let messageColumns =
        "messageNumber, kind, serviceCode, province, contactMobile, text, status, createdAt, closedAt, clientKey"
    private typealias MessageRow = (
        String, String, String?, String?, String?, String, String, Double, Double?, String
    )

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private let database: ServiceDatabase
    private let logger: Logger

    /// A store over `database`, whose pool must be running; call `migrate()` before use.
    package init(database: ServiceDatabase, logger: Logger = Logger(label: "miz.feedback.postgres")) {
        self.database = database
        self.logger = logger
    }

    /// Applies the feedback service's migrations the schema lacks.
    package func migrate() async throws {
        try await database.migrate(component: FeedbackPostgresSchema.component, FeedbackPostgresSchema.migrations)
    }

    // MARK: Surveys

    package func insertSurvey(_ survey: SurveyRecord, idempotencyKey: String?) async throws -> SurveyRecord {
        let logger = logger
        return try await database.transaction { connection in
            if let earlier = try await Self.earlier(
                connection, logger, in: "survey", columns: Self.surveyColumns, key: idempotencyKey,
                decode: Self.surveys, isSameAction: { $0.requestId == survey.requestId })
            {
                return earlier
            }
            try await connection.lockForTransaction(
                namespace: "miz.feedback.survey", value: survey.requestId, logger: logger)
            let existing = try await connection.integer(
                "SELECT COUNT(*) FROM survey WHERE requestId = \(survey.requestId)", logger: logger)
            guard existing == 0 else { throw FeedbackStoreError.surveyExists }
            let answers = survey.answers
            try await connection.query(
                """
                INSERT INTO survey (requestId, processNumber, serviceCode, province, ownerNationalCode,
                    satisfaction, onTime, explanationClear, comment, submittedAt, updatedAt, idempotencyKey)
                VALUES (\(survey.requestId), \(survey.processNumber), \(survey.serviceCode), \(survey.province),
                    \(survey.ownerNationalCode), \(answers.satisfaction), \(answers.onTime), \(answers.explanationClear),
                    \(answers.comment), \(survey.submittedAt.timeIntervalSince1970),
                    \(survey.updatedAt.timeIntervalSince1970), \(idempotencyKey))
                """, logger: logger)
            return survey
        }
    }

    package func survey(requestId: String) async throws -> SurveyRecord? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.surveys(
                connection, logger, "SELECT \(unescaped: Self.surveyColumns) FROM survey WHERE requestId = \(requestId)"
            ).first
        }
    }

    package func updateSurvey(requestId: String, answers: SurveyAnswers, now: Date, submittedSince: Date) async throws
        -> SurveyRecord
    {
        let logger = logger
        return try await database.transaction { connection in
            guard
                var survey = try await Self.surveys(
                    connection, logger,
                    "SELECT \(unescaped: Self.surveyColumns) FROM survey WHERE requestId = \(requestId) FOR UPDATE"
                ).first
            else { throw FeedbackStoreError.surveyMissing }
            guard survey.submittedAt >= submittedSince else { throw FeedbackStoreError.editWindowClosed }
            survey.answers = answers
            survey.updatedAt = now
            try await connection.query(
                """
                UPDATE survey SET satisfaction = \(answers.satisfaction), onTime = \(answers.onTime),
                    explanationClear = \(answers.explanationClear), comment = \(answers.comment),
                    updatedAt = \(now.timeIntervalSince1970)
                WHERE requestId = \(requestId)
                """, logger: logger)
            return survey
        }
    }

    // MARK: Complaints

    package func insertComplaint(_ complaint: ComplaintRecord, attachment: Data?, idempotencyKey: String?)
        async throws -> ComplaintRecord
    {
        let logger = logger
        return try await database.transaction { connection in
            if let earlier = try await Self.earlier(
                connection, logger, in: "complaint", columns: Self.complaintColumns, key: idempotencyKey,
                decode: Self.complaints, isSameAction: { $0.requestId == complaint.requestId })
            {
                return earlier
            }
            try await connection.lockForTransaction(
                namespace: "miz.feedback.complaint", value: complaint.requestId, logger: logger)
            let open = try await connection.integer(
                """
                SELECT COUNT(*) FROM complaint
                WHERE requestId = \(complaint.requestId) AND status IN ('registered', 'underReview')
                """, logger: logger)
            guard open == 0 else { throw FeedbackStoreError.openComplaintExists }
            try await connection.query(
                """
                INSERT INTO complaint (trackingNumber, requestId, processNumber, serviceCode, province,
                    ownerNationalCode, applicantMobile, text, attachmentType, attachmentSize, attachmentSha256,
                    status, createdAt, dueAt, idempotencyKey)
                VALUES (\(complaint.trackingNumber), \(complaint.requestId), \(complaint.processNumber),
                    \(complaint.serviceCode), \(complaint.province), \(complaint.ownerNationalCode),
                    \(complaint.applicantMobile), \(complaint.text), \(complaint.attachment?.fileType.rawValue),
                    \(complaint.attachment?.size), \(complaint.attachment?.sha256), \(complaint.status.rawValue),
                    \(complaint.createdAt.timeIntervalSince1970), \(complaint.dueAt.timeIntervalSince1970),
                    \(idempotencyKey))
                """, logger: logger)
            if let attachment {
                try await connection.query(
                    """
                    INSERT INTO complaintAttachment (trackingNumber, bytes)
                    VALUES (\(complaint.trackingNumber), \(attachment))
                    """, logger: logger)
            }
            return complaint
        }
    }

    package func complaint(trackingNumber: String) async throws -> ComplaintRecord? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.complaints(
                connection, logger,
                "SELECT \(unescaped: Self.complaintColumns) FROM complaint WHERE trackingNumber = \(trackingNumber)"
            ).first
        }
    }

    package func attachment(trackingNumber: String) async throws -> Data? {
        let logger = logger
        return try await database.withConnection { connection in
            var bytes: Data?
            for try await value in try await connection.query(
                "SELECT bytes FROM complaintAttachment WHERE trackingNumber = \(trackingNumber)", logger: logger
            ).decode(Data.self) {
                bytes = value
            }
            return bytes
        }
    }

    package func complaints(_ filter: ComplaintFilter, offset: Int, limit: Int) async throws -> (
        items: [ComplaintRecord], total: Int
    ) {
        let logger = logger
        let owner = filter.ownerNationalCode
        let provinces = filter.provinces.map { $0.sorted() }
        let status = filter.status?.rawValue
        let overdue = filter.overdueAt?.timeIntervalSince1970
        let page = try await database.transaction(.repeatableRead, readOnly: true) { connection in
            // A nil parameter leaves its condition out.
            func filtered(_ head: String, _ tail: String) -> PostgresQuery {
                """
                \(unescaped: head) FROM complaint
                WHERE (\(owner)::text IS NULL OR ownerNationalCode = \(owner)::text)
                    AND (\(provinces)::text[] IS NULL OR province = ANY(\(provinces)::text[]))
                    AND (\(status)::text IS NULL OR status = \(status)::text)
                    AND (\(overdue)::float8 IS NULL
                        OR (status IN ('registered', 'underReview') AND dueAt <= \(overdue)::float8))
                \(unescaped: tail)
                """
            }
            let total = try await connection.integer(filtered("SELECT COUNT(*)", ""), logger: logger)
            let items = try await Self.complaints(
                connection, logger,
                filtered(
                    "SELECT \(Self.complaintColumns)",
                    """
                    ORDER BY status IN ('registered', 'underReview') DESC, dueAt, createdAt, trackingNumber
                    LIMIT \(limit) OFFSET \(offset)
                    """))
            return ComplaintPage(items: items, total: total)
        }
        return (page.items, page.total)
    }

    package func markUnderReview(trackingNumber: String, now: Date) async throws -> ComplaintRecord {
        try await move(trackingNumber, .markUnderReview(at: now))
    }

    package func answer(
        trackingNumber: String, answer: String, staffId: String, now: Date, notification: NotifierSendRequest
    ) async throws -> ComplaintRecord {
        let logger = logger
        let request = String(decoding: try Self.encoder.encode(notification), as: UTF8.self)
        let stamp = now.timeIntervalSince1970
        return try await move(trackingNumber, .answer(answer, staffId: staffId, at: now)) { connection in
            try await connection.query(
                """
                INSERT INTO outbox (eventId, request, status, nextAttemptAt, createdAt)
                VALUES (\(notification.eventId), \(request), 'queued', \(stamp), \(stamp))
                """, logger: logger)
        }
    }

    package func close(trackingNumber: String, now: Date) async throws -> ComplaintRecord {
        try await move(trackingNumber, .close(at: now))
    }

    /// Locks the complaint, applies `change` and stores what it moved, running `alongside` in
    /// the same transaction; a change that moves nothing writes nothing.
    private func move(
        _ trackingNumber: String, _ change: ComplaintChange,
        alongside: (PostgresConnection) async throws -> Void = { _ in }
    ) async throws -> ComplaintRecord {
        let logger = logger
        return try await database.transaction { connection in
            let complaint = try await Self.lockedComplaint(connection, logger, trackingNumber)
            guard let moved = try change.applied(to: complaint) else { return complaint }
            try await connection.query(
                """
                UPDATE complaint SET status = \(moved.status.rawValue), answer = \(moved.answer),
                    answeredBy = \(moved.answeredBy), reviewedAt = \(moved.reviewedAt?.timeIntervalSince1970),
                    answeredAt = \(moved.answeredAt?.timeIntervalSince1970),
                    closedAt = \(moved.closedAt?.timeIntervalSince1970)
                WHERE trackingNumber = \(trackingNumber)
                """, logger: logger)
            try await alongside(connection)
            return moved
        }
    }

    // MARK: Messages

    package func insertMessage(
        _ message: FeedbackMessage, clientKey: String, windowStart: Date, limit: Int, hardLimit: Int,
        spending challenge: (nonce: String, expiresAt: Date)?, idempotencyKey: String?
    ) async throws -> FeedbackMessage {
        let logger = logger
        let nonce = challenge?.nonce
        let nonceExpiry = challenge?.expiresAt.timeIntervalSince1970
        return try await database.transaction { connection in
            if let earlier = try await Self.earlier(
                connection, logger, in: "message", columns: Self.messageColumns, key: idempotencyKey,
                decode: Self.messages, isSameAction: { $0.clientKey == clientKey })
            {
                return earlier.message
            }
            try await connection.lockForTransaction(namespace: "miz.feedback.sender", value: clientKey, logger: logger)
            let recent = try await connection.integer(
                """
                SELECT COUNT(*) FROM message
                WHERE clientKey = \(clientKey) AND createdAt > \(windowStart.timeIntervalSince1970)
                """, logger: logger)
            if recent >= hardLimit { throw FeedbackStoreError.rateLimited(challengeAllowed: false) }
            if recent >= limit, nonce == nil { throw FeedbackStoreError.rateLimited(challengeAllowed: true) }
            if let nonce, let nonceExpiry {
                try await connection.query(
                    "DELETE FROM spentChallenge WHERE expiresAt < \(message.createdAt.timeIntervalSince1970)",
                    logger: logger)
                var spent = true
                for try await _ in try await connection.query(
                    """
                    INSERT INTO spentChallenge (nonce, expiresAt) VALUES (\(nonce), \(nonceExpiry))
                    ON CONFLICT (nonce) DO NOTHING RETURNING nonce
                    """, logger: logger
                ).decode(String.self) {
                    spent = false
                }
                if spent { throw FeedbackStoreError.challengeSpent }
            }
            try await connection.query(
                """
                INSERT INTO message (messageNumber, kind, serviceCode, province, contactMobile, text, status,
                    clientKey, createdAt, idempotencyKey)
                VALUES (\(message.messageNumber), \(message.kind.rawValue), \(message.serviceCode), \(message.province),
                    \(message.contactMobile), \(message.text), \(message.status.rawValue), \(clientKey),
                    \(message.createdAt.timeIntervalSince1970), \(idempotencyKey))
                """, logger: logger)
            return message
        }
    }

    package func challengeFailures(clientKey: String, since: Date) async throws -> Int {
        let logger = logger
        return try await database.withConnection { connection in
            try await connection.integer(
                """
                SELECT COUNT(*) FROM challengeFailure
                WHERE clientKey = \(clientKey) AND at > \(since.timeIntervalSince1970)
                """, logger: logger)
        }
    }

    package func recordChallengeFailure(clientKey: String, at: Date, forgetBefore: Date) async throws {
        let logger = logger
        try await database.transaction { connection in
            try await connection.query(
                "DELETE FROM challengeFailure WHERE at < \(forgetBefore.timeIntervalSince1970)", logger: logger)
            try await connection.query(
                "INSERT INTO challengeFailure (clientKey, at) VALUES (\(clientKey), \(at.timeIntervalSince1970))",
                logger: logger)
        }
    }

    package func message(number: String) async throws -> FeedbackMessage? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.messages(
                connection, logger,
                "SELECT \(unescaped: Self.messageColumns) FROM message WHERE messageNumber = \(number)"
            ).first?.message
        }
    }

    package func messages(_ filter: MessageFilter, offset: Int, limit: Int) async throws -> (
        items: [FeedbackMessage], total: Int
    ) {
        let logger = logger
        let provinces = filter.provinces.map { $0.sorted() }
        let status = filter.status?.rawValue
        let kind = filter.kind?.rawValue
        let page = try await database.transaction(.repeatableRead, readOnly: true) { connection in
            // A nil parameter leaves its condition out.
            func filtered(_ head: String, _ tail: String) -> PostgresQuery {
                """
                \(unescaped: head) FROM message
                WHERE (\(provinces)::text[] IS NULL OR province = ANY(\(provinces)::text[]))
                    AND (\(status)::text IS NULL OR status = \(status)::text)
                    AND (\(kind)::text IS NULL OR kind = \(kind)::text)
                \(unescaped: tail)
                """
            }
            let total = try await connection.integer(filtered("SELECT COUNT(*)", ""), logger: logger)
            let items = try await Self.messages(
                connection, logger,
                filtered(
                    "SELECT \(Self.messageColumns)",
                    "ORDER BY createdAt DESC, messageNumber LIMIT \(limit) OFFSET \(offset)"))
            return MessagePage(items: items.map(\.message), total: total)
        }
        return (page.items, page.total)
    }

    package func closeMessage(number: String, now: Date) async throws -> FeedbackMessage {
        let logger = logger
        return try await database.transaction { connection in
            guard
                var message = try await Self.messages(
                    connection, logger,
                    "SELECT \(unescaped: Self.messageColumns) FROM message WHERE messageNumber = \(number) FOR UPDATE"
                ).first?.message
            else { throw FeedbackStoreError.messageMissing }
            guard message.status == .new else { return message }
            message.status = .closed
            message.closedAt = now
            try await connection.query(
                """
                UPDATE message SET status = 'closed', closedAt = \(now.timeIntervalSince1970)
                WHERE messageNumber = \(number)
                """, logger: logger)
            return message
        }
    }

    // MARK: Statistics

    package func statisticsSample(provinces: Set<String>?, serviceCode: String?, province: String?) async throws
        -> StatisticsSample
    {
        let logger = logger
        let provinces = provinces.map { $0.sorted() }
        func filtered(_ head: String, _ table: String) -> PostgresQuery {
            """
            \(unescaped: head) FROM \(unescaped: table)
            WHERE (\(provinces)::text[] IS NULL OR province = ANY(\(provinces)::text[]))
                AND (\(serviceCode)::text IS NULL OR serviceCode = \(serviceCode)::text)
                AND (\(province)::text IS NULL OR province = \(province)::text)
            """
        }
        let surveyQuery = filtered("SELECT serviceCode, province, satisfaction, onTime, explanationClear", "survey")
        let complaintQuery = filtered(
            "SELECT serviceCode, province, status, createdAt, answeredAt, dueAt", "complaint")
        return try await database.transaction(.repeatableRead, readOnly: true) { connection in
            var surveys: [StatisticsSample.SurveyFacts] = []
            for try await (service, province, satisfaction, onTime, clear) in try await connection.query(
                surveyQuery, logger: logger
            ).decode((String, String, Int, Bool, Bool).self) {
                surveys.append(
                    StatisticsSample.SurveyFacts(
                        serviceCode: service, province: province, satisfaction: satisfaction, onTime: onTime,
                        explanationClear: clear))
            }
            var complaints: [StatisticsSample.ComplaintFacts] = []
            for try await (service, province, status, createdAt, answeredAt, dueAt) in try await connection.query(
                complaintQuery, logger: logger
            ).decode((String, String, String, Double, Double?, Double).self) {
                guard let status = ComplaintStatus(rawValue: status) else {
                    throw FeedbackStoreError.unreadable("complaint status")
                }
                complaints.append(
                    StatisticsSample.ComplaintFacts(
                        serviceCode: service, province: province, status: status,
                        createdAt: Date(timeIntervalSince1970: createdAt),
                        answeredAt: answeredAt.map(Date.init(timeIntervalSince1970:)),
                        dueAt: Date(timeIntervalSince1970: dueAt)))
            }
            return StatisticsSample(surveys: surveys, complaints: complaints)
        }
    }

    // MARK: Outbox

    package func claimOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEntry] {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        let claimed = try await database.transaction { connection in
            // A relay that died mid-send left its lease behind: the entry goes back to the queue.
            try await connection.query(
                """
                UPDATE outbox SET status = 'queued', leaseUntil = NULL, nextAttemptAt = \(stamp)
                WHERE id IN (
                    SELECT id FROM outbox WHERE status = 'sending' AND leaseUntil < \(stamp)
                    FOR UPDATE SKIP LOCKED
                )
                """, logger: logger)
            var claimed: [ClaimedEntry] = []
            for try await (id, request, attempts, dueAt) in try await connection.query(
                """
                WITH due AS (
                    SELECT id AS dueId, nextAttemptAt AS dueAt FROM outbox
                    WHERE status = 'queued' AND nextAttemptAt <= \(stamp)
                    ORDER BY nextAttemptAt, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE outbox SET status = 'sending', attempts = attempts + 1, leaseUntil = \(stamp + lease),
                    nextAttemptAt = NULL
                FROM due WHERE id = due.dueId
                RETURNING id, request, attempts, due.dueAt
                """, logger: logger
            ).decode((Int64, String, Int, Double).self) {
                let decoded = try JSONDecoder().decode(NotifierSendRequest.self, from: Data(request.utf8))
                claimed.append(
                    ClaimedEntry(entry: OutboxEntry(id: id, request: decoded, attempts: attempts), dueAt: dueAt))
            }
            return claimed
        }
        return claimed.sorted { ($0.dueAt, $0.entry.id) < ($1.dueAt, $1.entry.id) }.map(\.entry)
    }

    package func outboxDelivered(id: Int64, now: Date) async throws {
        let logger = logger
        _ = try await database.withConnection { connection in
            try await connection.query(
                """
                UPDATE outbox SET status = 'delivered', deliveredAt = \(now.timeIntervalSince1970), leaseUntil = NULL,
                    lastError = NULL
                WHERE id = \(id)
                """, logger: logger)
        }
    }

    package func outboxFailed(id: Int64, error: String, retryAt: Date?) async throws {
        let logger = logger
        let status = retryAt == nil ? "failed" : "queued"
        let next = retryAt?.timeIntervalSince1970
        _ = try await database.withConnection { connection in
            try await connection.query(
                """
                UPDATE outbox SET status = \(status), nextAttemptAt = \(next), leaseUntil = NULL, lastError = \(error)
                WHERE id = \(id)
                """, logger: logger)
        }
    }

    package func nextOutboxWake() async throws -> Date? {
        let logger = logger
        return try await database.withConnection { connection in
            var next: Double?
            for try await value in try await connection.query(
                """
                SELECT LEAST(
                    (SELECT MIN(nextAttemptAt) FROM outbox WHERE status = 'queued'),
                    (SELECT MIN(leaseUntil) FROM outbox WHERE status = 'sending'))
                """, logger: logger
            ).decode(Double?.self) {
                next = value
            }
            return next.map { Date(timeIntervalSince1970: $0) }
        }
    }

    package func isReady() async -> Bool {
        await database.isReady()
    }

    // MARK: Rows

    /// A page of complaints, Sendable for leaving the transaction.
    private struct ComplaintPage: Sendable {
        var items: [ComplaintRecord]
        var total: Int
    }

    /// A page of messages, Sendable for leaving the transaction.
    private struct MessagePage: Sendable {
        var items: [FeedbackMessage]
        var total: Int
    }

    /// A message with the keyed hash of its sender, which idempotency compares.
    private struct MessageWithSender: Sendable {
        var message: FeedbackMessage
        var clientKey: String
    }

    /// A claimed entry with the time it was due, for ordering the claim as SQLite does.
    private struct ClaimedEntry: Sendable {
        var entry: OutboxEntry
        var dueAt: Double
    }

    /// The record of `table` an earlier write stored under the idempotency `key`, read after
    /// taking the key's advisory lock (namespace `miz.feedback.<table>Key`) so that a repeat
    /// running at once waits for the first to commit; nil when there is no key or it is new.
    ///
    /// - Throws: `idempotencyKeyReused` when that record fails `isSameAction`: the key came
    ///   with another action.
    private static func earlier<Record>(
        _ connection: PostgresConnection, _ logger: Logger, in table: String, columns: String, key: String?,
        decode: (PostgresConnection, Logger, PostgresQuery) async throws -> [Record],
        isSameAction: (Record) -> Bool
    ) async throws -> Record? {
        guard let key else { return nil }
        try await connection.lockForTransaction(namespace: "miz.feedback.\(table)Key", value: key, logger: logger)
        guard
            let earlier = try await decode(
                connection, logger,
                "SELECT \(unescaped: columns) FROM \(unescaped: table) WHERE idempotencyKey = \(key)"
            ).first
        else { return nil }
        guard isSameAction(earlier) else { throw FeedbackStoreError.idempotencyKeyReused }
        return earlier
    }

    private static func surveys(_ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery)
        async throws -> [SurveyRecord]
    {
        var surveys: [SurveyRecord] = []
        for try await row in try await connection.query(query, logger: logger).decode(SurveyRow.self) {
            surveys.append(
                SurveyRecord(
                    requestId: row.0, processNumber: row.1, serviceCode: row.2, province: row.3,
                    ownerNationalCode: row.4,
                    answers: SurveyAnswers(satisfaction: row.5, onTime: row.6, explanationClear: row.7, comment: row.8),
                    submittedAt: Date(timeIntervalSince1970: row.9), updatedAt: Date(timeIntervalSince1970: row.10)))
        }
        return surveys
    }

    private static func lockedComplaint(_ connection: PostgresConnection, _ logger: Logger, _ trackingNumber: String)
        async throws -> ComplaintRecord
    {
        guard
            let complaint = try await complaints(
                connection, logger,
                """
                SELECT \(unescaped: complaintColumns) FROM complaint WHERE trackingNumber = \(trackingNumber) FOR UPDATE
                """
            ).first
        else { throw FeedbackStoreError.complaintMissing }
        return complaint
    }

    private static func complaints(_ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery)
        async throws -> [ComplaintRecord]
    {
        var complaints: [ComplaintRecord] = []
        for try await row in try await connection.query(query, logger: logger).decode(ComplaintRow.self) {
            guard let status = ComplaintStatus(rawValue: row.11) else {
                throw FeedbackStoreError.unreadable("complaint \(row.0)")
            }
            var attachment: ComplaintAttachment?
            if let type = row.8.flatMap(DocumentFileType.init(rawValue:)), let size = row.9, let sha256 = row.10 {
                attachment = ComplaintAttachment(fileType: type, size: size, sha256: sha256)
            }
            complaints.append(
                ComplaintRecord(
                    trackingNumber: row.0, requestId: row.1, processNumber: row.2, serviceCode: row.3,
                    province: row.4, ownerNationalCode: row.5, applicantMobile: row.6, text: row.7,
                    attachment: attachment, status: status, answer: row.12, answeredBy: row.13,
                    createdAt: Date(timeIntervalSince1970: row.14),
                    reviewedAt: row.15.map(Date.init(timeIntervalSince1970:)),
                    answeredAt: row.16.map(Date.init(timeIntervalSince1970:)),
                    closedAt: row.17.map(Date.init(timeIntervalSince1970:)), dueAt: Date(timeIntervalSince1970: row.18))
            )
        }
        return complaints
    }

    private static func messages(_ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery)
        async throws -> [MessageWithSender]
    {
        var messages: [MessageWithSender] = []
        for try await row in try await connection.query(query, logger: logger).decode(MessageRow.self) {
            guard let kind = MessageKind(rawValue: row.1), let status = MessageStatus(rawValue: row.6) else {
                throw FeedbackStoreError.unreadable("message \(row.0)")
            }
            messages.append(
                MessageWithSender(
                    message: FeedbackMessage(
                        messageNumber: row.0, kind: kind, serviceCode: row.2, province: row.3, contactMobile: row.4,
                        text: row.5, status: status, createdAt: Date(timeIntervalSince1970: row.7),
                        closedAt: row.8.map(Date.init(timeIntervalSince1970:))),
                    clientKey: row.9))
        }
        return messages
    }
}
