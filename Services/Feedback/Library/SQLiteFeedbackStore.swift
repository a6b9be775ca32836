import Foundation
import GRDB
import MizRuntime
import MizSchema

/// The feedback store in one SQLite file (GRDB `DatabasePool`, WAL), migrated on open.
///
/// Writes run in IMMEDIATE transactions, so instances sharing the file queue for the write
/// lock: a rate-limit count and the insert it allows, or a claim of the outbox, never
/// interleave with another instance's.
package final class SQLiteFeedbackStore: FeedbackStore {
    /// The database file's name inside the data folder.
    package static let fileName = "feedback.sqlite"

    private let pool: DatabasePool

    /// Opens (creating when missing) and migrates the database at `path`.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "feedback"
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        pool = try DatabasePool(path: path, configuration: configuration)
        try FeedbackDatabaseSchema.migrator.migrate(pool)
    }

    // MARK: Surveys

    package func insertSurvey(_ survey: SurveyRecord, idempotencyKey: String?) async throws -> SurveyRecord {
        try await pool.writeImmediately { db in
            if let earlier = try Self.earlier(
                db, in: "survey", key: idempotencyKey, ownerColumn: "requestId", owner: survey.requestId)
            {
                return Self.survey(earlier)
            }
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM survey WHERE requestId = ?", arguments: [survey.requestId]) == true
            {
                throw FeedbackStoreError.surveyExists
            }
            try db.execute(
                sql: """
                    INSERT INTO survey (requestId, processNumber, serviceCode, province, ownerNationalCode,
                        satisfaction, onTime, explanationClear, comment, submittedAt, updatedAt, idempotencyKey)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    survey.requestId, survey.processNumber, survey.serviceCode, survey.province,
                    survey.ownerNationalCode, survey.answers.satisfaction, survey.answers.onTime,
                    survey.answers.explanationClear, survey.answers.comment, survey.submittedAt.timeIntervalSince1970,
                    survey.updatedAt.timeIntervalSince1970, idempotencyKey,
                ])
            return survey
        }
    }

    package func survey(requestId: String) async throws -> SurveyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM survey WHERE requestId = ?", arguments: [requestId])
                .map(Self.survey)
        }
    }

    package func updateSurvey(requestId: String, answers: SurveyAnswers, now: Date, submittedSince: Date) async throws
        -> SurveyRecord
    {
        try await pool.writeImmediately { db in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT * FROM survey WHERE requestId = ?", arguments: [requestId])
            else { throw FeedbackStoreError.surveyMissing }
            var survey = Self.survey(row)
            guard survey.submittedAt >= submittedSince else { throw FeedbackStoreError.editWindowClosed }
            survey.answers = answers
            survey.updatedAt = now
            try db.execute(
                sql: """
                    UPDATE survey SET satisfaction = ?, onTime = ?, explanationClear = ?, comment = ?, updatedAt = ?
                    WHERE requestId = ?
                    """,
                arguments: [
                    answers.satisfaction, answers.onTime, answers.explanationClear, answers.comment,
                    now.timeIntervalSince1970, requestId,
                ])
            return survey
        }
    }

    // MARK: Complaints

    package func insertComplaint(_ complaint: ComplaintRecord, attachment: Data?, idempotencyKey: String?)
        async throws -> ComplaintRecord
    {
        try await pool.writeImmediately { db in
            if let earlier = try Self.earlier(
                db, in: "complaint", key: idempotencyKey, ownerColumn: "requestId", owner: complaint.requestId)
            {
                return try Self.complaint(earlier)
            }
            let open =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT COUNT(*) FROM complaint WHERE requestId = ? AND status IN ('registered', 'underReview')",
                    arguments: [complaint.requestId]) ?? 0
            guard open == 0 else { throw FeedbackStoreError.openComplaintExists }
            try db.execute(
                sql: """
                    INSERT INTO complaint (trackingNumber, requestId, processNumber, serviceCode, province,
                        ownerNationalCode, applicantMobile, text, attachmentType, attachmentSize, attachmentSha256,
                        status, createdAt, dueAt, idempotencyKey)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    complaint.trackingNumber, complaint.requestId, complaint.processNumber, complaint.serviceCode,
                    complaint.province, complaint.ownerNationalCode, complaint.applicantMobile, complaint.text,
                    complaint.attachment?.fileType.rawValue, complaint.attachment?.size,
                    complaint.attachment?.sha256, complaint.status.rawValue,
                    complaint.createdAt.timeIntervalSince1970, complaint.dueAt.timeIntervalSince1970, idempotencyKey,
                ])
            if let attachment {
                try db.execute(
                    sql: "INSERT INTO complaintAttachment (trackingNumber, bytes) VALUES (?, ?)",
                    arguments: [complaint.trackingNumber, attachment])
            }
            return complaint
        }
    }

    package func complaint(trackingNumber: String) async throws -> ComplaintRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM complaint WHERE trackingNumber = ?", arguments: [trackingNumber])
                .map(Self.complaint)
        }
    }

    package func attachment(trackingNumber: String) async throws -> Data? {
        try await pool.read { db in
            try Data.fetchOne(
                db, sql: "SELECT bytes FROM complaintAttachment WHERE trackingNumber = ?", arguments: [trackingNumber])
        }
    }

    package func complaints(_ filter: ComplaintFilter, offset: Int, limit: Int) async throws -> (
        items: [ComplaintRecord], total: Int
    ) {
        var rows = SQLiteFilter()
        rows.require("ownerNationalCode", equals: filter.ownerNationalCode)
        rows.require(provinceIn: filter.provinces)
        rows.require("status", equals: filter.status?.rawValue)
        if let overdue = filter.overdueAt {
            rows.require("status IN ('registered', 'underReview') AND dueAt <= ?", overdue.timeIntervalSince1970)
        }
        return try await page(
            of: "complaint", rows,
            orderedBy: "status IN ('registered', 'underReview') DESC, dueAt, createdAt, trackingNumber",
            offset: offset, limit: limit, Self.complaint)
    }

    package func markUnderReview(trackingNumber: String, now: Date) async throws -> ComplaintRecord {
        try await move(trackingNumber, .markUnderReview(at: now))
    }

    package func answer(
        trackingNumber: String, answer: String, staffId: String, now: Date, notification: NotifierSendRequest
    ) async throws -> ComplaintRecord {
        let request = String(decoding: try Self.encoder.encode(notification), as: UTF8.self)
        return try await move(trackingNumber, .answer(answer, staffId: staffId, at: now)) { db in
            try db.execute(
                sql: """
                    INSERT INTO outbox (eventId, request, status, nextAttemptAt, createdAt)
                    VALUES (?, ?, 'queued', ?, ?)
                    """,
                arguments: [notification.eventId, request, now.timeIntervalSince1970, now.timeIntervalSince1970])
        }
    }

    package func close(trackingNumber: String, now: Date) async throws -> ComplaintRecord {
        try await move(trackingNumber, .close(at: now))
    }

    /// Reads the complaint under the write lock, applies `change` and stores what it moved,
    /// running `alongside` in the same transaction; a change that moves nothing writes nothing.
    private func move(
        _ trackingNumber: String, _ change: ComplaintChange,
        alongside: @escaping @Sendable (Database) throws -> Void = { _ in }
    ) async throws -> ComplaintRecord {
        try await pool.writeImmediately { db in
            let complaint = try Self.existingComplaint(db, trackingNumber)
            guard let moved = try change.applied(to: complaint) else { return complaint }
            try db.execute(
                sql: """
                    UPDATE complaint SET status = ?, answer = ?, answeredBy = ?, reviewedAt = ?, answeredAt = ?,
                        closedAt = ?
                    WHERE trackingNumber = ?
                    """,
                arguments: [
                    moved.status.rawValue, moved.answer, moved.answeredBy, moved.reviewedAt?.timeIntervalSince1970,
                    moved.answeredAt?.timeIntervalSince1970, moved.closedAt?.timeIntervalSince1970, trackingNumber,
                ])
            try alongside(db)
            return moved
        }
    }

    // MARK: Messages

    package func insertMessage(
        _ message: FeedbackMessage, clientKey: String, windowStart: Date, limit: Int, hardLimit: Int,
        spending challenge: (nonce: String, expiresAt: Date)?, idempotencyKey: String?
    ) async throws -> FeedbackMessage {
        let spent = challenge.map { (nonce: $0.nonce, expiresAt: $0.expiresAt.timeIntervalSince1970) }
        return try await pool.writeImmediately { db in
            if let earlier = try Self.earlier(
                db, in: "message", key: idempotencyKey, ownerColumn: "clientKey", owner: clientKey)
            {
                return try Self.message(earlier)
            }
            let recent =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM message WHERE clientKey = ? AND createdAt > ?",
                    arguments: [clientKey, windowStart.timeIntervalSince1970]) ?? 0
            if recent >= hardLimit { throw FeedbackStoreError.rateLimited(challengeAllowed: false) }
            if recent >= limit, spent == nil { throw FeedbackStoreError.rateLimited(challengeAllowed: true) }
            if let spent {
                try db.execute(
                    sql: "DELETE FROM spentChallenge WHERE expiresAt < ?",
                    arguments: [message.createdAt.timeIntervalSince1970])
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM spentChallenge WHERE nonce = ?", arguments: [spent.nonce])
                    == true
                {
                    throw FeedbackStoreError.challengeSpent
                }
                try db.execute(
                    sql: "INSERT INTO spentChallenge (nonce, expiresAt) VALUES (?, ?)",
                    arguments: [spent.nonce, spent.expiresAt])
            }
            try db.execute(
                sql: """
                    INSERT INTO message (messageNumber, kind, serviceCode, province, contactMobile, text, status,
                        clientKey, createdAt, idempotencyKey)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    message.messageNumber, message.kind.rawValue, message.serviceCode, message.province,
                    message.contactMobile, message.text, message.status.rawValue, clientKey,
                    message.createdAt.timeIntervalSince1970, idempotencyKey,
                ])
            return message
        }
    }

    package func challengeFailures(clientKey: String, since: Date) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM challengeFailure WHERE clientKey = ? AND at > ?",
                arguments: [clientKey, since.timeIntervalSince1970]) ?? 0
        }
    }

    package func recordChallengeFailure(clientKey: String, at: Date, forgetBefore: Date) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: "DELETE FROM challengeFailure WHERE at < ?", arguments: [forgetBefore.timeIntervalSince1970])
            try db.execute(
                sql: "INSERT INTO challengeFailure (clientKey, at) VALUES (?, ?)",
                arguments: [clientKey, at.timeIntervalSince1970])
        }
    }

    package func message(number: String) async throws -> FeedbackMessage? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM message WHERE messageNumber = ?", arguments: [number])
                .map(Self.message)
        }
    }

    package func messages(_ filter: MessageFilter, offset: Int, limit: Int) async throws -> (
        items: [FeedbackMessage], total: Int
    ) {
        var rows = SQLiteFilter()
        rows.require(provinceIn: filter.provinces)
        rows.require("status", equals: filter.status?.rawValue)
        rows.require("kind", equals: filter.kind?.rawValue)
        return try await page(
            of: "message", rows, orderedBy: "createdAt DESC, messageNumber", offset: offset, limit: limit,
            Self.message)
    }

    package func closeMessage(number: String, now: Date) async throws -> FeedbackMessage {
        try await pool.writeImmediately { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM message WHERE messageNumber = ?", arguments: [number])
            else { throw FeedbackStoreError.messageMissing }
            var message = try Self.message(row)
            guard message.status == .new else { return message }
            message.status = .closed
            message.closedAt = now
            try db.execute(
                sql: "UPDATE message SET status = 'closed', closedAt = ? WHERE messageNumber = ?",
                arguments: [now.timeIntervalSince1970, number])
            return message
        }
    }

    // MARK: Statistics

    package func statisticsSample(provinces: Set<String>?, serviceCode: String?, province: String?) async throws
        -> StatisticsSample
    {
        var rows = SQLiteFilter()
        rows.require(provinceIn: provinces)
        rows.require("serviceCode", equals: serviceCode)
        rows.require("province", equals: province)
        let whereClause = rows.whereClause
        let filterArguments = rows.arguments
        return try await pool.read { db in
            let surveys = try Row.fetchAll(
                db,
                sql: "SELECT serviceCode, province, satisfaction, onTime, explanationClear FROM survey \(whereClause)",
                arguments: filterArguments
            ).map {
                StatisticsSample.SurveyFacts(
                    serviceCode: $0["serviceCode"], province: $0["province"], satisfaction: $0["satisfaction"],
                    onTime: $0["onTime"], explanationClear: $0["explanationClear"])
            }
            let complaints = try Row.fetchAll(
                db,
                sql: "SELECT serviceCode, province, status, createdAt, answeredAt, dueAt FROM complaint \(whereClause)",
                arguments: filterArguments
            ).map { row -> StatisticsSample.ComplaintFacts in
                guard let status = ComplaintStatus(rawValue: row["status"]) else {
                    throw FeedbackStoreError.unreadable("complaint status")
                }
                return StatisticsSample.ComplaintFacts(
                    serviceCode: row["serviceCode"], province: row["province"], status: status,
                    createdAt: Date(timeIntervalSince1970: row["createdAt"]),
                    answeredAt: (row["answeredAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    dueAt: Date(timeIntervalSince1970: row["dueAt"]))
            }
            return StatisticsSample(surveys: surveys, complaints: complaints)
        }
    }

    // MARK: Outbox

    package func claimOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEntry] {
        let stamp = now.timeIntervalSince1970
        return try await pool.writeImmediately { db in
            // A relay that died mid-send left its lease behind: the entry goes back to the queue.
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'queued', leaseUntil = NULL, nextAttemptAt = ?
                    WHERE status = 'sending' AND leaseUntil < ?
                    """,
                arguments: [stamp, stamp])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, request, attempts FROM outbox WHERE status = 'queued' AND nextAttemptAt <= ?
                    ORDER BY nextAttemptAt, id LIMIT ?
                    """,
                arguments: [stamp, limit])
            var claimed: [OutboxEntry] = []
            for row in rows {
                let id: Int64 = row["id"]
                let attempts = (row["attempts"] as Int) + 1
                let request = try Self.decoder.decode(
                    NotifierSendRequest.self, from: Data((row["request"] as String).utf8))
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'sending', attempts = ?, leaseUntil = ?, nextAttemptAt = NULL
                        WHERE id = ?
                        """,
                    arguments: [attempts, stamp + lease, id])
                claimed.append(OutboxEntry(id: id, request: request, attempts: attempts))
            }
            return claimed
        }
    }

    package func outboxDelivered(id: Int64, now: Date) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET status = 'delivered', deliveredAt = ?, leaseUntil = NULL, lastError = NULL
                    WHERE id = ?
                    """,
                arguments: [now.timeIntervalSince1970, id])
        }
    }

    package func outboxFailed(id: Int64, error: String, retryAt: Date?) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET status = ?, nextAttemptAt = ?, leaseUntil = NULL, lastError = ? WHERE id = ?
                    """,
                arguments: [retryAt == nil ? "failed" : "queued", retryAt?.timeIntervalSince1970, error, id])
        }
    }

    package func nextOutboxWake() async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(
                db,
                sql: """
                    SELECT MIN(t) FROM (
                        SELECT MIN(nextAttemptAt) AS t FROM outbox WHERE status = 'queued'
                        UNION ALL SELECT MIN(leaseUntil) FROM outbox WHERE status = 'sending'
                    )
                    """
            ).map { Date(timeIntervalSince1970: $0) }
        }
    }

    package func isReady() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    // MARK: Rows

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static let decoder = JSONDecoder()

    /// One page of `table`'s rows that pass `filter` in `order`, and how many pass in all, read
    /// in one snapshot.
    private func page<Item: Sendable>(
        of table: String, _ filter: SQLiteFilter, orderedBy order: String, offset: Int, limit: Int,
        _ item: @escaping @Sendable (Row) throws -> Item
    ) async throws -> (items: [Item], total: Int) {
        try await pool.read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM \(table) \(filter.whereClause)", arguments: filter.arguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM \(table) \(filter.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments: filter.arguments + [limit, offset])
            return (try rows.map(item), total)
        }
    }

    /// The row of `table` an earlier write stored under the idempotency `key`; nil when there
    /// is no key or it is new.
    ///
    /// - Throws: `idempotencyKeyReused` when that row's `ownerColumn` is not `owner`: the key
    ///   came with another action.
    private static func earlier(_ db: Database, in table: String, key: String?, ownerColumn: String, owner: String)
        throws -> Row?
    {
        guard let key,
            let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE idempotencyKey = ?", arguments: [key])
        else { return nil }
        guard (row[ownerColumn] as String) == owner else { throw FeedbackStoreError.idempotencyKeyReused }
        return row
    }

    private static func survey(_ row: Row) -> SurveyRecord {
        SurveyRecord(
            requestId: row["requestId"], processNumber: row["processNumber"], serviceCode: row["serviceCode"],
            province: row["province"], ownerNationalCode: row["ownerNationalCode"],
            answers: SurveyAnswers(
                satisfaction: row["satisfaction"], onTime: row["onTime"], explanationClear: row["explanationClear"],
                comment: row["comment"]),
            submittedAt: Date(timeIntervalSince1970: row["submittedAt"]),
            updatedAt: Date(timeIntervalSince1970: row["updatedAt"]))
    }

    private static func existingComplaint(_ db: Database, _ trackingNumber: String) throws -> ComplaintRecord {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM complaint WHERE trackingNumber = ?", arguments: [trackingNumber])
        else { throw FeedbackStoreError.complaintMissing }
        return try complaint(row)
    }

    private static func complaint(_ row: Row) throws -> ComplaintRecord {
        guard let status = ComplaintStatus(rawValue: row["status"]) else {
            throw FeedbackStoreError.unreadable("complaint \(row["trackingNumber"] as String? ?? "?")")
        }
        var attachment: ComplaintAttachment?
        if let type = (row["attachmentType"] as String?).flatMap(DocumentFileType.init(rawValue:)) {
            attachment = ComplaintAttachment(
                fileType: type, size: row["attachmentSize"], sha256: row["attachmentSha256"])
        }
        return ComplaintRecord(
            trackingNumber: row["trackingNumber"], requestId: row["requestId"], processNumber: row["processNumber"],
            serviceCode: row["serviceCode"], province: row["province"], ownerNationalCode: row["ownerNationalCode"],
            applicantMobile: row["applicantMobile"], text: row["text"], attachment: attachment, status: status,
            answer: row["answer"], answeredBy: row["answeredBy"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            reviewedAt: (row["reviewedAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            answeredAt: (row["answeredAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            closedAt: (row["closedAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            dueAt: Date(timeIntervalSince1970: row["dueAt"]))
    }

    private static func message(_ row: Row) throws -> FeedbackMessage {
        guard let kind = MessageKind(rawValue: row["kind"]), let status = MessageStatus(rawValue: row["status"]) else {
            throw FeedbackStoreError.unreadable("message \(row["messageNumber"] as String? ?? "?")")
        }
        return FeedbackMessage(
            messageNumber: row["messageNumber"], kind: kind, serviceCode: row["serviceCode"], province: row["province"],
            contactMobile: row["contactMobile"], text: row["text"], status: status,
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            closedAt: (row["closedAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
