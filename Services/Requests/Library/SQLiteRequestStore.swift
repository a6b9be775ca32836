import Foundation
import GRDB
import MizPersian
import MizRuntime
import MizSchema

/// The requests store in one SQLite file (GRDB `DatabasePool`, WAL), migrated on open.
///
/// Writes run in IMMEDIATE transactions, so instances sharing the file queue for the write
/// lock: two submits never draw the same process number and an outbox event is leased to
/// one relay at a time. Documents' bytes are BLOBs of the request's transaction, or, with a
/// vault, files kept there before it (see `RequestStore`).
package final class SQLiteRequestStore: RequestStore {
    /// The database file's name inside the data folder.
    package static let fileName = "requests.sqlite"

    private let pool: DatabasePool
    private let vault: (any DocumentVault)?

    /// Opens (creating when missing) and migrates the database at `path`; new documents go to
    /// `vault` when given, else into the database.
    package init(path: String, vault: (any DocumentVault)? = nil) throws {
        self.vault = vault
        var configuration = Configuration()
        configuration.label = "requests"
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        pool = try DatabasePool(path: path, configuration: configuration)
        try RequestsDatabaseSchema.migrator.migrate(pool)
    }

    // MARK: - Writes

    package func storedReply(for record: IdempotencyRecord, now: Date) async throws -> Data? {
        try await pool.read { db in try Self.replay(record, now: now, db: db)?.reply }
    }

    package func insert(_ request: NewRequest, idempotency: IdempotencyRecord?) async throws -> RequestReceipt {
        let profileJSON = String(decoding: try WireCoding.encoder.encode(request.profile), as: UTF8.self)
        let storage = try await DocumentKeeping.keep(request.documents, in: vault)
        return try await pool.writeImmediately { db in
            if let idempotency, let stored = try Self.replay(idempotency, now: request.submittedAt, db: db),
                let reply = stored.reply
            {
                return try WireCoding.decoder.decode(RequestReceipt.self, from: reply)
            }
            let last =
                try Int.fetchOne(
                    db, sql: "SELECT last FROM processSequence WHERE year = ? AND provinceNumber = ?",
                    arguments: [request.year, request.provinceNumber]) ?? 0
            let sequence = last + 1
            try db.execute(
                sql: """
                    INSERT INTO processSequence (year, provinceNumber, last) VALUES (?, ?, ?)
                    ON CONFLICT (year, provinceNumber) DO UPDATE SET last = excluded.last
                    """,
                arguments: [request.year, request.provinceNumber, sequence])
            let number = ProcessNumber(year: request.year, provinceNumber: request.provinceNumber, sequence: sequence)
                .description
            let stamp = request.submittedAt.timeIntervalSince1970
            try db.execute(
                sql: """
                    INSERT INTO request (id, processNumber, year, provinceNumber, sequence, trackingHash, serviceCode,
                        serviceTitle, profileVersion, profile, province, applicantNationalCode, applicantFirstName,
                        applicantLastName, applicantMobile, status, submittedAt, dueAt, updatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)
                    """,
                arguments: [
                    request.id, number, request.year, request.provinceNumber, sequence, request.trackingHash,
                    request.profile.code, request.profile.title, request.profile.version, profileJSON,
                    request.province, request.applicant.nationalCode, request.applicant.firstName,
                    request.applicant.lastName, request.applicant.mobile, stamp, request.dueAt.timeIntervalSince1970,
                    stamp,
                ])
            for (code, value) in request.fields {
                try db.execute(
                    sql: "INSERT INTO formValue (requestId, code, value) VALUES (?, ?, ?)",
                    arguments: [request.id, code, value])
            }
            for document in request.documents {
                try Self.insertDocument(document, requestId: request.id, storage: storage, at: stamp, db: db)
            }
            try Self.history(
                db, requestId: request.id, action: .submit, from: nil, to: .submitted, actor: request.actor, at: stamp,
                note: nil)
            try Self.enqueue(
                db, requestId: request.id, eventId: "requests:\(number):received",
                recipient: request.applicant.mobile, template: .requestReceived,
                parameters: ["processNumber": number, "trackingCode": request.trackingCode], at: stamp)
            try Self.audit(
                db, actor: request.actor, action: "submit", requestId: request.id,
                detail: "\(request.profile.code) v\(request.profile.version) \(request.documents.count) documents",
                at: stamp)
            let receipt = RequestReceipt(
                requestId: request.id, processNumber: number, trackingCode: request.trackingCode, status: .submitted,
                submittedAt: Date(timeIntervalSince1970: stamp), dueAt: request.dueAt)
            if let idempotency {
                try Self.remember(
                    idempotency, reply: try WireCoding.encoder.encode(receipt), requestId: request.id, at: stamp, db: db
                )
            }
            return receipt
        }
    }

    package func apply(_ change: RequestChange, requestId: String, now: Date) async throws -> StoredRequest {
        let storage = try await DocumentKeeping.keep(change.documents, in: vault)
        return try await pool.writeImmediately { db in
            let stamp = now.timeIntervalSince1970
            if let idempotency = change.idempotency, try Self.replay(idempotency, now: now, db: db) != nil {
                guard let current = try Self.fetchRequest(db, id: requestId) else { throw RequestStoreError.notFound }
                return current
            }
            guard let current = try Self.fetchRequest(db, id: requestId) else { throw RequestStoreError.notFound }
            guard let next = RequestStatusMachine.next(from: current.status, on: change.action) else {
                throw RequestStoreError.illegalTransition(from: current.status, action: change.action)
            }
            if let required = change.requiredAssignee, current.assignee != required {
                throw RequestStoreError.notAssignee
            }
            var assignments = ["status = ?", "updatedAt = ?"]
            var arguments: [(any DatabaseValueConvertible)?] = [next.rawValue, stamp]
            if let assignee = change.assignee {
                assignments.append("assignee = ?")
                arguments.append(assignee)
            }
            if next.isDecision {
                assignments.append("decidedAt = ?")
                arguments.append(stamp)
            }
            if let reasons = change.rejectionReasons {
                assignments.append("rejectionReasons = ?")
                arguments.append(reasons)
            }
            arguments.append(requestId)
            try db.execute(
                sql: "UPDATE request SET \(assignments.joined(separator: ", ")) WHERE id = ?",
                arguments: StatementArguments(arguments))
            for (code, value) in change.fields {
                try db.execute(
                    sql: """
                        INSERT INTO formValue (requestId, code, value) VALUES (?, ?, ?)
                        ON CONFLICT (requestId, code) DO UPDATE SET value = excluded.value
                        """,
                    arguments: [requestId, code, value])
            }
            for document in change.documents {
                if change.action == .submitFix {
                    try db.execute(
                        sql: "UPDATE document SET current = 0 WHERE requestId = ? AND key = ?",
                        arguments: [requestId, document.key])
                }
                try Self.insertDocument(document, requestId: requestId, storage: storage, at: stamp, db: db)
            }
            if let fix = change.fix {
                try db.execute(
                    sql: """
                        INSERT INTO fixRequest (requestId, fields, documents, message, askedBy, askedAt)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        requestId, try Self.json(fix.fields), try Self.json(fix.documents), fix.message, change.actor,
                        stamp,
                    ])
            }
            if change.action == .submitFix {
                try db.execute(
                    sql: """
                        UPDATE fixRequest SET answeredAt = ?
                        WHERE id = (SELECT MAX(id) FROM fixRequest WHERE requestId = ?)
                        """,
                    arguments: [stamp, requestId])
            }
            if let text = change.internalNote {
                try db.execute(
                    sql: "INSERT INTO internalNote (requestId, author, text, at) VALUES (?, ?, ?, ?)",
                    arguments: [requestId, change.actor, text, stamp])
            }
            if change.action != .note {
                try Self.history(
                    db, requestId: requestId, action: change.action, from: current.status, to: next,
                    actor: change.actor, at: stamp, note: change.note)
            }
            if let event = change.event {
                var parameters = event.parameters
                parameters["processNumber"] = current.processNumber
                // Each fix request of a request is its own event: "fix-1", "fix-2", …
                var suffix = event.suffix
                if change.fix != nil {
                    let asked =
                        try Int.fetchOne(
                            db, sql: "SELECT COUNT(*) FROM fixRequest WHERE requestId = ?", arguments: [requestId]) ?? 0
                    suffix += "-\(asked)"
                }
                try Self.enqueue(
                    db, requestId: requestId, eventId: "requests:\(current.processNumber):\(suffix)",
                    recipient: current.applicant.mobile, template: event.template, parameters: parameters, at: stamp)
            }
            try Self.audit(
                db, actor: change.actor, action: change.action.rawValue, requestId: requestId,
                detail: "\(current.status.rawValue) → \(next.rawValue)", at: stamp)
            if let idempotency = change.idempotency {
                try Self.remember(idempotency, reply: Data(requestId.utf8), requestId: requestId, at: stamp, db: db)
            }
            guard let updated = try Self.fetchRequest(db, id: requestId) else { throw RequestStoreError.notFound }
            return updated
        }
    }

    // MARK: - Reads

    package func request(id: String) async throws -> StoredRequest? {
        try await pool.read { db in try Self.fetchRequest(db, id: id) }
    }

    package func request(processNumber: String) async throws -> (StoredRequest, trackingHash: String)? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM request WHERE processNumber = ?", arguments: [processNumber])
            else { return nil }
            return (try Self.request(row), row["trackingHash"])
        }
    }

    package func formValues(requestId: String) async throws -> [String: String] {
        try await pool.read { db in
            var values: [String: String] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT code, value FROM formValue WHERE requestId = ?", arguments: [requestId])
            {
                values[row["code"]] = row["value"] as String
            }
            return values
        }
    }

    package func documents(requestId: String) async throws -> [RequestDocument] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, key, fileName, fileType, size, sha256, uploadedAt, current FROM document
                    WHERE requestId = ? ORDER BY uploadedAt, rowid
                    """,
                arguments: [requestId]
            ).map(Self.document)
        }
    }

    package func document(requestId: String, documentId: String) async throws -> (RequestDocument, Data)? {
        let found = try await pool.read { db -> (RequestDocument, String, Data?)? in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM document WHERE requestId = ? AND id = ?",
                    arguments: [requestId, documentId])
            else { return nil }
            return (try Self.document(row), row["storage"], row["content"])
        }
        guard let (document, storage, inline) = found else { return nil }
        return (document, try await DocumentKeeping.bytes(of: document, storage: storage, inline: inline, vault: vault))
    }

    package func referencedDocuments(among digests: [String]) async throws -> Set<String> {
        guard !digests.isEmpty else { return [] }
        return try await pool.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT sha256 FROM document
                        WHERE storage = 'folder' AND sha256 IN (\(digests.map { _ in "?" }.joined(separator: ", ")))
                        """,
                    arguments: StatementArguments(digests)))
        }
    }

    package func history(requestId: String) async throws -> [RequestHistoryEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM statusHistory WHERE requestId = ? ORDER BY id", arguments: [requestId]
            ).map { row in
                guard let to = RequestStatus(rawValue: row["toStatus"]) else {
                    throw RequestStoreError.unreadable("history of \(requestId)")
                }
                return RequestHistoryEntry(
                    action: row["action"], from: (row["fromStatus"] as String?).flatMap(RequestStatus.init(rawValue:)),
                    to: to, actor: row["actor"], at: Date(timeIntervalSince1970: row["at"]), note: row["note"])
            }
        }
    }

    package func latestFix(requestId: String) async throws -> FixRequest? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM fixRequest WHERE requestId = ? ORDER BY id DESC LIMIT 1",
                    arguments: [requestId])
            else { return nil }
            return FixRequest(
                fields: try Self.strings(row["fields"]), documents: try Self.strings(row["documents"]),
                message: row["message"], askedAt: Date(timeIntervalSince1970: row["askedAt"]),
                answeredAt: (row["answeredAt"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    package func notes(requestId: String) async throws -> [InternalNote] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM internalNote WHERE requestId = ? ORDER BY id", arguments: [requestId]
            ).map { InternalNote(author: $0["author"], text: $0["text"], at: Date(timeIntervalSince1970: $0["at"])) }
        }
    }

    package func requests(applicant nationalCode: String, page: Int, pageSize: Int) async throws
        -> ([StoredRequest], Int)
    {
        try await pool.read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM request WHERE applicantNationalCode = ?", arguments: [nationalCode])
                ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM request WHERE applicantNationalCode = ?
                    ORDER BY submittedAt DESC, processNumber DESC LIMIT ? OFFSET ?
                    """,
                arguments: [nationalCode, pageSize, (page - 1) * pageSize])
            return (try rows.map(Self.request), total)
        }
    }

    package func inbox(_ filter: InboxFilter, now: Date) async throws -> ([StoredRequest], Int, [String: Int]) {
        try await pool.read { db in
            var scope: [String] = []
            var scopeArguments: [(any DatabaseValueConvertible)?] = []
            if let provinces = filter.provinces {
                scope.append("province IN (\(provinces.map { _ in "?" }.joined(separator: ", ")))")
                scopeArguments += provinces.map { $0 as (any DatabaseValueConvertible)? }
                if provinces.isEmpty { scope[scope.count - 1] = "0" }
            }
            if let service = filter.serviceCode {
                scope.append("serviceCode = ?")
                scopeArguments.append(service)
            }
            var conditions = scope
            var arguments = scopeArguments
            if !filter.statuses.isEmpty {
                conditions.append("status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ", ")))")
                arguments += filter.statuses.map { $0.rawValue as (any DatabaseValueConvertible)? }
            }
            if let from = filter.submittedFrom {
                conditions.append("submittedAt >= ?")
                arguments.append(from.timeIntervalSince1970)
            }
            if let before = filter.submittedBefore {
                conditions.append("submittedAt < ?")
                arguments.append(before.timeIntervalSince1970)
            }
            if filter.overdueOnly {
                conditions.append("status IN ('submitted', 'underReview', 'fixed') AND dueAt < ?")
                arguments.append(now.timeIntervalSince1970)
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM request \(whereClause)", arguments: StatementArguments(arguments))
                ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM request \(whereClause) ORDER BY dueAt, submittedAt, id LIMIT ? OFFSET ?",
                arguments: StatementArguments(arguments + [filter.pageSize, (filter.page - 1) * filter.pageSize]))
            let scopeClause = scope.isEmpty ? "" : "WHERE " + scope.joined(separator: " AND ")
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT status, COUNT(*) AS n FROM request \(scopeClause) GROUP BY status",
                arguments: StatementArguments(scopeArguments))
            {
                counts[row["status"]] = row["n"] as Int
            }
            return (try rows.map(Self.request), total, counts)
        }
    }

    // MARK: - Holidays

    package func holidays(year: Int?) async throws -> [Holiday] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM holiday WHERE date LIKE ? ORDER BY date",
                arguments: [year.map { "\($0)-%" } ?? "%"])
            return rows.map { Holiday(date: $0["date"], title: $0["title"]) }
        }
    }

    package func addHoliday(_ date: JalaliDate, title: String, actor: String, now: Date) async throws {
        try await pool.writeImmediately { db in
            try db.execute(
                sql: """
                    INSERT INTO holiday (date, title) VALUES (?, ?)
                    ON CONFLICT (date) DO UPDATE SET title = excluded.title
                    """,
                arguments: [date.description, title])
            try Self.audit(
                db, actor: actor, action: "addHoliday", requestId: nil, detail: "\(date) \(title)",
                at: now.timeIntervalSince1970)
        }
    }

    package func removeHoliday(_ date: JalaliDate, actor: String, now: Date) async throws -> Bool {
        try await pool.writeImmediately { db in
            try db.execute(sql: "DELETE FROM holiday WHERE date = ?", arguments: [date.description])
            let removed = db.changesCount > 0
            if removed {
                try Self.audit(
                    db, actor: actor, action: "removeHoliday", requestId: nil, detail: date.description,
                    at: now.timeIntervalSince1970)
            }
            return removed
        }
    }

    // MARK: - Outbox

    package func claimOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEvent] {
        let stamp = now.timeIntervalSince1970
        return try await pool.writeImmediately { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE status = 'pending' AND nextAttemptAt <= ?
                        AND (leaseUntil IS NULL OR leaseUntil <= ?)
                    ORDER BY nextAttemptAt, id LIMIT ?
                    """,
                arguments: [stamp, stamp, limit])
            var claimed: [OutboxEvent] = []
            for row in rows {
                guard let template = NotificationKind(rawValue: row["template"]) else {
                    throw RequestStoreError.unreadable("outbox \(row["id"] as Int64? ?? 0)")
                }
                let parameters = try WireCoding.decoder.decode(
                    [String: String].self, from: Data((row["parameters"] as String).utf8))
                let attempts = (row["attempts"] as Int) + 1
                try db.execute(
                    sql: "UPDATE outbox SET attempts = ?, leaseUntil = ? WHERE id = ?",
                    arguments: [attempts, stamp + lease, row["id"] as Int64])
                claimed.append(
                    OutboxEvent(
                        id: row["id"], eventId: row["eventId"], recipient: row["recipient"], template: template,
                        parameters: parameters, attempts: attempts))
            }
            return claimed
        }
    }

    package func finishOutbox(id: Int64, result: OutboxAttemptResult, now: Date) async throws {
        let stamp = now.timeIntervalSince1970
        try await pool.writeImmediately { db in
            switch result {
            case .acknowledged:
                // The tracking code leaves the database once the SMS is handed over.
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'sent', sentAt = ?, parameters = '{}', leaseUntil = NULL,
                            nextAttemptAt = NULL, lastError = NULL WHERE id = ?
                        """,
                    arguments: [stamp, id])
            case .retry(let at, let error):
                try db.execute(
                    sql: "UPDATE outbox SET nextAttemptAt = ?, leaseUntil = NULL, lastError = ? WHERE id = ?",
                    arguments: [at.timeIntervalSince1970, error, id])
            case .failed(let error):
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'failed', parameters = '{}', leaseUntil = NULL, nextAttemptAt = NULL,
                            lastError = ? WHERE id = ?
                        """,
                    arguments: [error, id])
            }
        }
    }

    package func nextOutboxWake() async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(
                db, sql: "SELECT MIN(MAX(nextAttemptAt, IFNULL(leaseUntil, 0))) FROM outbox WHERE status = 'pending'"
            ).map { Date(timeIntervalSince1970: $0) }
        }
    }

    package func outboxCounts() async throws -> [String: Int] {
        try await pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outbox GROUP BY status") {
                counts[row["status"]] = row["n"] as Int
            }
            return counts
        }
    }

    package func audit(requestId: String) async throws -> [(actor: String, action: String)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT actor, action FROM audit WHERE requestId = ? ORDER BY id", arguments: [requestId]
            ).map { (actor: $0["actor"], action: $0["action"]) }
        }
    }

    package func isReady() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    // MARK: - Helpers

    private static func replay(_ record: IdempotencyRecord, now: Date, db: Database) throws
        -> (reply: Data?, requestId: String?)?
    {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM idempotency WHERE scope = ? AND key = ? AND expiresAt > ?",
                arguments: [record.scope, record.key, now.timeIntervalSince1970])
        else { return nil }
        guard (row["route"] as String) == record.route, (row["fingerprint"] as String) == record.fingerprint else {
            throw RequestStoreError.idempotencyKeyReused
        }
        return (row["reply"], row["requestId"])
    }

    private static func remember(
        _ record: IdempotencyRecord, reply: Data?, requestId: String, at stamp: Double, db: Database
    ) throws {
        try db.execute(sql: "DELETE FROM idempotency WHERE expiresAt <= ?", arguments: [stamp])
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO idempotency (scope, key, route, fingerprint, reply, requestId, createdAt, expiresAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                record.scope, record.key, record.route, record.fingerprint, reply, requestId, stamp,
                record.expiresAt.timeIntervalSince1970,
            ])
    }

    private static func insertDocument(
        _ document: NewDocument, requestId: String, storage: DocumentStorage, at stamp: Double, db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO document (id, requestId, key, fileName, fileType, size, sha256, content, storage, uploadedAt,
                    current)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """,
            arguments: [
                UUID().uuidString.lowercased(), requestId, document.key, document.fileName,
                document.fileType.rawValue, document.content.count, document.sha256,
                storage == .database ? document.content : nil, storage.rawValue, stamp,
            ])
    }

    private static func history(
        _ db: Database, requestId: String, action: RequestAction, from: RequestStatus?, to: RequestStatus,
        actor: String, at stamp: Double, note: String?
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO statusHistory (requestId, action, fromStatus, toStatus, actor, at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [requestId, action.rawValue, from?.rawValue, to.rawValue, actor, stamp, note])
    }

    private static func enqueue(
        _ db: Database, requestId: String, eventId: String, recipient: String, template: NotificationKind,
        parameters: [String: String], at stamp: Double
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO outbox (eventId, requestId, recipient, template, parameters, status, createdAt, nextAttemptAt)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                """,
            arguments: [
                eventId, requestId, recipient, template.rawValue,
                String(decoding: try WireCoding.encoder.encode(parameters), as: UTF8.self), stamp, stamp,
            ])
    }

    private static func audit(
        _ db: Database, actor: String, action: String, requestId: String?, detail: String?, at stamp: Double
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, actor, action, requestId, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [stamp, actor, action, requestId, detail])
    }

    private static func fetchRequest(_ db: Database, id: String) throws -> StoredRequest? {
        try Row.fetchOne(db, sql: "SELECT * FROM request WHERE id = ?", arguments: [id]).map(request)
    }

    private static func request(_ row: Row) throws -> StoredRequest {
        guard let status = RequestStatus(rawValue: row["status"]) else {
            throw RequestStoreError.unreadable("request \(row["id"] as String? ?? "")")
        }
        let profile = try WireCoding.decoder.decode(ServiceProfile.self, from: Data((row["profile"] as String).utf8))
        return StoredRequest(
            id: row["id"], processNumber: row["processNumber"], serviceCode: row["serviceCode"],
            serviceTitle: row["serviceTitle"], profileVersion: row["profileVersion"], profile: profile,
            province: row["province"],
            applicant: RequestApplicant(
                nationalCode: row["applicantNationalCode"], firstName: row["applicantFirstName"],
                lastName: row["applicantLastName"], mobile: row["applicantMobile"]),
            status: status, assignee: row["assignee"], submittedAt: Date(timeIntervalSince1970: row["submittedAt"]),
            dueAt: Date(timeIntervalSince1970: row["dueAt"]),
            decidedAt: (row["decidedAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            rejectionReasons: row["rejectionReasons"])
    }

    private static func document(_ row: Row) throws -> RequestDocument {
        guard let type = DocumentFileType(rawValue: row["fileType"]) else {
            throw RequestStoreError.unreadable("document \(row["id"] as String? ?? "")")
        }
        return RequestDocument(
            documentId: row["id"], key: row["key"], fileName: row["fileName"], fileType: type, size: row["size"],
            sha256: row["sha256"], uploadedAt: Date(timeIntervalSince1970: row["uploadedAt"]),
            current: row["current"] as Bool)
    }

    private static func json(_ values: [String]) throws -> String {
        String(decoding: try WireCoding.encoder.encode(values), as: UTF8.self)
    }

    private static func strings(_ text: String) throws -> [String] {
        try WireCoding.decoder.decode([String].self, from: Data(text.utf8))
    }
}
