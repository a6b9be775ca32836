import Foundation
import Logging
import MizPersian
import MizPostgres
import MizSchema
import PostgresNIO

/// The requests store in a PostgreSQL schema, with the same tables and rules as
/// `SQLiteRequestStore`, shared by any number of requests instances.
///
/// - A request is one transaction with its form values, documents (`bytea`), history, outbox
///   event, audit line and idempotency key: never half a request. With a vault (a documents
///   folder every instance shares), the files are kept there first and the rows name them.
/// - Process numbers come from one row per year and province, incremented by an upsert that
///   holds the row's lock until commit, so concurrent submits draw distinct numbers.
/// - A write with an idempotency key first takes a transaction-scoped advisory lock on the
///   key: a second instance with the same key waits, then reads the winner's reply. A live
///   key is never overwritten, so should anything bypass the lock, its write rolls back.
/// - A status change locks the request's row (`FOR UPDATE`), so two officials never both move it.
/// - Outbox claims take due events with `FOR UPDATE SKIP LOCKED`: relays of several instances
///   each get different events and never wait for one another.
package final class PostgresRequestStore: RequestStore {
    /// The columns a `StoredRequest` is read from, in the order `RequestRow` decodes them.
    private static let requestColumns = """
        id, processNumber, serviceCode, serviceTitle, profileVersion, profile, province, applicantNationalCode,
        applicantFirstName, applicantLastName, applicantMobile, status, assignee, submittedAt, dueAt, decidedAt,
        rejectionReasons, trackingHash
        """
    private typealias RequestRow = (
        String, String, String, String, Int, String, String, String, String, String, String, String, String?,
        Double, Double, Double?, String?, String
    )
    private static let documentColumns = "id, key, fileName, fileType, size, sha256, uploadedAt, current"
    private typealias DocumentRow = (String, String, String, String, Int, String, Double, Bool)

    private let database: ServiceDatabase
    private let logger: Logger
    private let vault: (any DocumentVault)?

    /// A store over `database`, whose pool must be running; call `migrate()` before use. New
    /// documents go to `vault` when given, else into the database.
    package init(
        database: ServiceDatabase, vault: (any DocumentVault)? = nil,
        logger: Logger = Logger(label: "miz.requests.postgres")
    ) {
        self.database = database
        self.vault = vault
        self.logger = logger
    }

    /// Applies the requests service's migrations the schema lacks.
    package func migrate() async throws {
        try await database.migrate(component: RequestsPostgresSchema.component, RequestsPostgresSchema.migrations)
    }

    // MARK: - Writes

    package func storedReply(for record: IdempotencyRecord, now: Date) async throws -> Data? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.replay(record, now: now, connection, logger)?.reply
        }
    }

    package func insert(_ request: NewRequest, idempotency: IdempotencyRecord?) async throws -> RequestReceipt {
        let logger = logger
        let profileJSON = String(decoding: try WireCoding.encoder.encode(request.profile), as: UTF8.self)
        let storage = try await DocumentKeeping.keep(request.documents, in: vault)
        return try await database.transaction { connection in
            if let idempotency {
                try await Self.lock(idempotency, connection, logger)
                if let stored = try await Self.replay(idempotency, now: request.submittedAt, connection, logger),
                    let reply = stored.reply
                {
                    return try WireCoding.decoder.decode(RequestReceipt.self, from: reply)
                }
            }
            var drawn: Int?
            for try await last in try await connection.query(
                """
                INSERT INTO processSequence (year, provinceNumber, last) VALUES (\(request.year), \(request.provinceNumber), 1)
                ON CONFLICT (year, provinceNumber) DO UPDATE SET last = processSequence.last + 1
                RETURNING last
                """, logger: logger
            ).decode(Int.self) {
                drawn = last
            }
            guard let sequence = drawn else { throw RequestStoreError.unreadable("process sequence") }
            let number = ProcessNumber(year: request.year, provinceNumber: request.provinceNumber, sequence: sequence)
                .description
            let stamp = request.submittedAt.timeIntervalSince1970
            let due = request.dueAt.timeIntervalSince1970
            try await connection.query(
                """
                INSERT INTO request (id, processNumber, year, provinceNumber, sequence, trackingHash, serviceCode,
                    serviceTitle, profileVersion, profile, province, applicantNationalCode, applicantFirstName,
                    applicantLastName, applicantMobile, status, submittedAt, dueAt, updatedAt)
                VALUES (\(request.id), \(number), \(request.year), \(request.provinceNumber), \(sequence),
                    \(request.trackingHash), \(request.profile.code), \(request.profile.title),
                    \(request.profile.version), \(profileJSON), \(request.province),
                    \(request.applicant.nationalCode), \(request.applicant.firstName), \(request.applicant.lastName),
                    \(request.applicant.mobile), 'submitted', \(stamp), \(due), \(stamp))
                """, logger: logger)
            for (code, value) in request.fields {
                try await connection.query(
                    "INSERT INTO formValue (requestId, code, value) VALUES (\(request.id), \(code), \(value))",
                    logger: logger)
            }
            for document in request.documents {
                try await Self.insertDocument(
                    document, requestId: request.id, storage: storage, at: stamp, connection, logger)
            }
            try await Self.history(
                connection, logger, requestId: request.id, action: .submit, from: nil, to: .submitted,
                actor: request.actor, at: stamp, note: nil)
            try await Self.enqueue(
                connection, logger, requestId: request.id, eventId: "requests:\(number):received",
                recipient: request.applicant.mobile, template: .requestReceived,
                parameters: ["processNumber": number, "trackingCode": request.trackingCode], at: stamp)
            try await Self.audit(
                connection, logger, actor: request.actor, action: "submit", requestId: request.id,
                detail: "\(request.profile.code) v\(request.profile.version) \(request.documents.count) documents",
                at: stamp)
            let receipt = RequestReceipt(
                requestId: request.id, processNumber: number, trackingCode: request.trackingCode, status: .submitted,
                submittedAt: Date(timeIntervalSince1970: stamp), dueAt: request.dueAt)
            if let idempotency {
                try await Self.remember(
                    idempotency, reply: try WireCoding.encoder.encode(receipt), requestId: request.id, at: stamp,
                    connection, logger)
            }
            return receipt
        }
    }

    package func apply(_ change: RequestChange, requestId: String, now: Date) async throws -> StoredRequest {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        let storage = try await DocumentKeeping.keep(change.documents, in: vault)
        return try await database.transaction { connection in
            if let idempotency = change.idempotency {
                try await Self.lock(idempotency, connection, logger)
                if try await Self.replay(idempotency, now: now, connection, logger) != nil {
                    guard let current = try await Self.fetchRequest(connection, logger, id: requestId) else {
                        throw RequestStoreError.notFound
                    }
                    return current
                }
            }
            guard let current = try await Self.fetchRequest(connection, logger, id: requestId, forUpdate: true) else {
                throw RequestStoreError.notFound
            }
            guard let next = RequestStatusMachine.next(from: current.status, on: change.action) else {
                throw RequestStoreError.illegalTransition(from: current.status, action: change.action)
            }
            if let required = change.requiredAssignee, current.assignee != required {
                throw RequestStoreError.notAssignee
            }
            let decidedAt: Double? = next.isDecision ? stamp : nil
            try await connection.query(
                """
                UPDATE request SET status = \(next.rawValue), updatedAt = \(stamp),
                    assignee = COALESCE(\(change.assignee), assignee),
                    decidedAt = COALESCE(\(decidedAt), decidedAt),
                    rejectionReasons = COALESCE(\(change.rejectionReasons), rejectionReasons)
                WHERE id = \(requestId)
                """, logger: logger)
            for (code, value) in change.fields {
                try await connection.query(
                    """
                    INSERT INTO formValue (requestId, code, value) VALUES (\(requestId), \(code), \(value))
                    ON CONFLICT (requestId, code) DO UPDATE SET value = excluded.value
                    """, logger: logger)
            }
            for document in change.documents {
                if change.action == .submitFix {
                    try await connection.query(
                        "UPDATE document SET current = FALSE WHERE requestId = \(requestId) AND key = \(document.key)",
                        logger: logger)
                }
                try await Self.insertDocument(
                    document, requestId: requestId, storage: storage, at: stamp, connection, logger)
            }
            if let fix = change.fix {
                let fields = try Self.json(fix.fields)
                let documents = try Self.json(fix.documents)
                try await connection.query(
                    """
                    INSERT INTO fixRequest (requestId, fields, documents, message, askedBy, askedAt)
                    VALUES (\(requestId), \(fields), \(documents), \(fix.message), \(change.actor), \(stamp))
                    """, logger: logger)
            }
            if change.action == .submitFix {
                try await connection.query(
                    """
                    UPDATE fixRequest SET answeredAt = \(stamp)
                    WHERE id = (SELECT MAX(id) FROM fixRequest WHERE requestId = \(requestId))
                    """, logger: logger)
            }
            if let text = change.internalNote {
                try await connection.query(
                    """
                    INSERT INTO internalNote (requestId, author, text, at)
                    VALUES (\(requestId), \(change.actor), \(text), \(stamp))
                    """, logger: logger)
            }
            if change.action != .note {
                try await Self.history(
                    connection, logger, requestId: requestId, action: change.action, from: current.status, to: next,
                    actor: change.actor, at: stamp, note: change.note)
            }
            if let event = change.event {
                var parameters = event.parameters
                parameters["processNumber"] = current.processNumber
                // Each fix request of a request is its own event: "fix-1", "fix-2", …
                var suffix = event.suffix
                if change.fix != nil {
                    let asked = try await connection.integer(
                        "SELECT COUNT(*) FROM fixRequest WHERE requestId = \(requestId)", logger: logger)
                    suffix += "-\(asked)"
                }
                try await Self.enqueue(
                    connection, logger, requestId: requestId, eventId: "requests:\(current.processNumber):\(suffix)",
                    recipient: current.applicant.mobile, template: event.template, parameters: parameters, at: stamp)
            }
            try await Self.audit(
                connection, logger, actor: change.actor, action: change.action.rawValue, requestId: requestId,
                detail: "\(current.status.rawValue) → \(next.rawValue)", at: stamp)
            if let idempotency = change.idempotency {
                try await Self.remember(
                    idempotency, reply: Data(requestId.utf8), requestId: requestId, at: stamp, connection, logger)
            }
            guard let updated = try await Self.fetchRequest(connection, logger, id: requestId) else {
                throw RequestStoreError.notFound
            }
            return updated
        }
    }

    // MARK: - Reads

    package func request(id: String) async throws -> StoredRequest? {
        let logger = logger
        return try await database.withConnection { connection in
            try await Self.fetchRequest(connection, logger, id: id)
        }
    }

    package func request(processNumber: String) async throws -> (StoredRequest, trackingHash: String)? {
        let logger = logger
        let found = try await database.withConnection { connection in
            try await Self.requests(
                connection, logger,
                "SELECT \(unescaped: Self.requestColumns) FROM request WHERE processNumber = \(processNumber)"
            ).first
        }
        return found.map { ($0.request, trackingHash: $0.trackingHash) }
    }

    package func formValues(requestId: String) async throws -> [String: String] {
        let logger = logger
        return try await database.withConnection { connection in
            var values: [String: String] = [:]
            for try await (code, value) in try await connection.query(
                "SELECT code, value FROM formValue WHERE requestId = \(requestId)", logger: logger
            ).decode((String, String).self) {
                values[code] = value
            }
            return values
        }
    }

    package func documents(requestId: String) async throws -> [RequestDocument] {
        let logger = logger
        return try await database.withConnection { connection in
            var documents: [RequestDocument] = []
            for try await row in try await connection.query(
                """
                SELECT \(unescaped: Self.documentColumns) FROM document WHERE requestId = \(requestId)
                ORDER BY uploadedAt, position
                """, logger: logger
            ).decode(DocumentRow.self) {
                documents.append(try Self.document(row))
            }
            return documents
        }
    }

    package func document(requestId: String, documentId: String) async throws -> (RequestDocument, Data)? {
        let logger = logger
        let found = try await database.withConnection { connection in
            var found: StoredDocument?
            for try await row in try await connection.query(
                """
                SELECT \(unescaped: Self.documentColumns), storage, content FROM document
                WHERE requestId = \(requestId) AND id = \(documentId)
                """, logger: logger
            ).decode((String, String, String, String, Int, String, Double, Bool, String, Data?).self) {
                found = StoredDocument(
                    document: try Self.document((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)),
                    storage: row.8, content: row.9)
            }
            return found
        }
        guard let found else { return nil }
        return (
            found.document,
            try await DocumentKeeping.bytes(
                of: found.document, storage: found.storage, inline: found.content, vault: vault)
        )
    }

    package func referencedDocuments(among digests: [String]) async throws -> Set<String> {
        guard !digests.isEmpty else { return [] }
        let logger = logger
        return try await database.withConnection { connection in
            var referenced: Set<String> = []
            for try await digest in try await connection.query(
                "SELECT DISTINCT sha256 FROM document WHERE storage = 'folder' AND sha256 = ANY(\(digests))",
                logger: logger
            ).decode(String.self) {
                referenced.insert(digest)
            }
            return referenced
        }
    }

    package func history(requestId: String) async throws -> [RequestHistoryEntry] {
        let logger = logger
        return try await database.withConnection { connection in
            var entries: [RequestHistoryEntry] = []
            for try await (action, from, to, actor, at, note) in try await connection.query(
                """
                SELECT action, fromStatus, toStatus, actor, at, note FROM statusHistory
                WHERE requestId = \(requestId) ORDER BY id
                """, logger: logger
            ).decode((String, String?, String, String, Double, String?).self) {
                guard let to = RequestStatus(rawValue: to) else {
                    throw RequestStoreError.unreadable("history of \(requestId)")
                }
                entries.append(
                    RequestHistoryEntry(
                        action: action, from: from.flatMap(RequestStatus.init(rawValue:)), to: to, actor: actor,
                        at: Date(timeIntervalSince1970: at), note: note))
            }
            return entries
        }
    }

    package func latestFix(requestId: String) async throws -> FixRequest? {
        let logger = logger
        return try await database.withConnection { connection in
            var fix: FixRequest?
            for try await (fields, documents, message, askedAt, answeredAt) in try await connection.query(
                """
                SELECT fields, documents, message, askedAt, answeredAt FROM fixRequest
                WHERE requestId = \(requestId) ORDER BY id DESC LIMIT 1
                """, logger: logger
            ).decode((String, String, String, Double, Double?).self) {
                fix = FixRequest(
                    fields: try Self.strings(fields), documents: try Self.strings(documents), message: message,
                    askedAt: Date(timeIntervalSince1970: askedAt),
                    answeredAt: answeredAt.map(Date.init(timeIntervalSince1970:)))
            }
            return fix
        }
    }

    package func notes(requestId: String) async throws -> [InternalNote] {
        let logger = logger
        return try await database.withConnection { connection in
            var notes: [InternalNote] = []
            for try await (author, text, at) in try await connection.query(
                "SELECT author, text, at FROM internalNote WHERE requestId = \(requestId) ORDER BY id", logger: logger
            ).decode((String, String, Double).self) {
                notes.append(InternalNote(author: author, text: text, at: Date(timeIntervalSince1970: at)))
            }
            return notes
        }
    }

    package func requests(applicant nationalCode: String, page: Int, pageSize: Int) async throws
        -> ([StoredRequest], Int)
    {
        let logger = logger
        let offset = (page - 1) * pageSize
        return try await database.transaction(.repeatableRead, readOnly: true) { connection in
            let total = try await connection.integer(
                "SELECT COUNT(*) FROM request WHERE applicantNationalCode = \(nationalCode)", logger: logger)
            let rows = try await Self.requests(
                connection, logger,
                """
                SELECT \(unescaped: Self.requestColumns) FROM request WHERE applicantNationalCode = \(nationalCode)
                ORDER BY submittedAt DESC, processNumber DESC LIMIT \(pageSize) OFFSET \(offset)
                """)
            return (rows.map(\.request), total)
        }
    }

    package func inbox(_ filter: InboxFilter, now: Date) async throws -> ([StoredRequest], Int, [String: Int]) {
        let logger = logger
        let provinces = filter.provinces
        let service = filter.serviceCode
        let statuses = filter.statuses.map(\.rawValue)
        let from = filter.submittedFrom?.timeIntervalSince1970
        let before = filter.submittedBefore?.timeIntervalSince1970
        let overdueBefore: Double? = filter.overdueOnly ? now.timeIntervalSince1970 : nil
        let offset = (filter.page - 1) * filter.pageSize
        return try await database.transaction(.repeatableRead, readOnly: true) { connection in
            // The scope (provinces, service) limits everything, the counts per status included;
            // a nil parameter leaves its condition out.
            func filtered(_ head: String, _ tail: String) -> PostgresQuery {
                """
                \(unescaped: head) FROM request
                WHERE (\(provinces)::text[] IS NULL OR province = ANY(\(provinces)::text[]))
                    AND (\(service)::text IS NULL OR serviceCode = \(service)::text)
                    AND (cardinality(\(statuses)::text[]) = 0 OR status = ANY(\(statuses)::text[]))
                    AND (\(from)::float8 IS NULL OR submittedAt >= \(from)::float8)
                    AND (\(before)::float8 IS NULL OR submittedAt < \(before)::float8)
                    AND (\(overdueBefore)::float8 IS NULL
                        OR (status IN ('submitted', 'underReview', 'fixed') AND dueAt < \(overdueBefore)::float8))
                \(unescaped: tail)
                """
            }
            let total = try await connection.integer(filtered("SELECT COUNT(*)", ""), logger: logger)
            let rows = try await Self.requests(
                connection, logger,
                filtered(
                    "SELECT \(Self.requestColumns)",
                    "ORDER BY dueAt, submittedAt, id LIMIT \(filter.pageSize) OFFSET \(offset)"))
            var counts: [String: Int] = [:]
            for try await (status, count) in try await connection.query(
                """
                SELECT status, COUNT(*) FROM request
                WHERE (\(provinces)::text[] IS NULL OR province = ANY(\(provinces)::text[]))
                    AND (\(service)::text IS NULL OR serviceCode = \(service)::text)
                GROUP BY status
                """, logger: logger
            ).decode((String, Int).self) {
                counts[status] = count
            }
            return (rows.map(\.request), total, counts)
        }
    }

    // MARK: - Holidays

    package func holidays(year: Int?) async throws -> [Holiday] {
        let logger = logger
        let pattern = year.map { "\($0)-%" } ?? "%"
        return try await database.withConnection { connection in
            var holidays: [Holiday] = []
            for try await (date, title) in try await connection.query(
                "SELECT date, title FROM holiday WHERE date LIKE \(pattern) ORDER BY date", logger: logger
            ).decode((String, String).self) {
                holidays.append(Holiday(date: date, title: title))
            }
            return holidays
        }
    }

    package func addHoliday(_ date: JalaliDate, title: String, actor: String, now: Date) async throws {
        let logger = logger
        try await database.transaction { connection in
            try await connection.query(
                """
                INSERT INTO holiday (date, title) VALUES (\(date.description), \(title))
                ON CONFLICT (date) DO UPDATE SET title = excluded.title
                """, logger: logger)
            try await Self.audit(
                connection, logger, actor: actor, action: "addHoliday", requestId: nil, detail: "\(date) \(title)",
                at: now.timeIntervalSince1970)
        }
    }

    package func removeHoliday(_ date: JalaliDate, actor: String, now: Date) async throws -> Bool {
        let logger = logger
        return try await database.transaction { connection in
            var removed = false
            for try await _ in try await connection.query(
                "DELETE FROM holiday WHERE date = \(date.description) RETURNING date", logger: logger
            ).decode(String.self) {
                removed = true
            }
            if removed {
                try await Self.audit(
                    connection, logger, actor: actor, action: "removeHoliday", requestId: nil,
                    detail: date.description, at: now.timeIntervalSince1970)
            }
            return removed
        }
    }

    // MARK: - Outbox

    package func claimOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEvent] {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        let claimed = try await database.transaction { connection in
            var claimed: [ClaimedEvent] = []
            for try await (id, eventId, recipient, template, parameters, attempts, dueAt) in try await connection.query(
                """
                WITH due AS (
                    SELECT id AS dueId, nextAttemptAt AS dueAt FROM outbox
                    WHERE status = 'pending' AND nextAttemptAt <= \(stamp)
                        AND (leaseUntil IS NULL OR leaseUntil <= \(stamp))
                    ORDER BY nextAttemptAt, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE outbox SET attempts = attempts + 1, leaseUntil = \(stamp + lease)
                FROM due WHERE id = due.dueId
                RETURNING id, eventId, recipient, template, parameters, attempts, due.dueAt
                """, logger: logger
            ).decode((Int64, String, String, String, String, Int, Double).self) {
                guard let template = NotificationKind(rawValue: template) else {
                    throw RequestStoreError.unreadable("outbox \(id)")
                }
                let parameters = try WireCoding.decoder.decode([String: String].self, from: Data(parameters.utf8))
                claimed.append(
                    ClaimedEvent(
                        event: OutboxEvent(
                            id: id, eventId: eventId, recipient: recipient, template: template,
                            parameters: parameters, attempts: attempts),
                        dueAt: dueAt))
            }
            return claimed
        }
        return claimed.sorted { ($0.dueAt, $0.event.id) < ($1.dueAt, $1.event.id) }.map(\.event)
    }

    package func finishOutbox(id: Int64, result: OutboxAttemptResult, now: Date) async throws {
        let logger = logger
        let stamp = now.timeIntervalSince1970
        _ = try await database.withConnection { connection in
            switch result {
            case .acknowledged:
                // The tracking code leaves the database once the SMS is handed over.
                try await connection.query(
                    """
                    UPDATE outbox SET status = 'sent', sentAt = \(stamp), parameters = '{}', leaseUntil = NULL,
                        nextAttemptAt = NULL, lastError = NULL WHERE id = \(id)
                    """, logger: logger)
            case .retry(let at, let error):
                try await connection.query(
                    """
                    UPDATE outbox SET nextAttemptAt = \(at.timeIntervalSince1970), leaseUntil = NULL,
                        lastError = \(error) WHERE id = \(id)
                    """, logger: logger)
            case .failed(let error):
                try await connection.query(
                    """
                    UPDATE outbox SET status = 'failed', parameters = '{}', leaseUntil = NULL, nextAttemptAt = NULL,
                        lastError = \(error) WHERE id = \(id)
                    """, logger: logger)
            }
        }
    }

    package func nextOutboxWake() async throws -> Date? {
        let logger = logger
        return try await database.withConnection { connection in
            var next: Double?
            for try await value in try await connection.query(
                "SELECT MIN(GREATEST(nextAttemptAt, COALESCE(leaseUntil, 0))) FROM outbox WHERE status = 'pending'",
                logger: logger
            ).decode(Double?.self) {
                next = value
            }
            return next.map { Date(timeIntervalSince1970: $0) }
        }
    }

    package func outboxCounts() async throws -> [String: Int] {
        let logger = logger
        return try await database.withConnection { connection in
            var counts: [String: Int] = [:]
            for try await (status, count) in try await connection.query(
                "SELECT status, COUNT(*) FROM outbox GROUP BY status", logger: logger
            ).decode((String, Int).self) {
                counts[status] = count
            }
            return counts
        }
    }

    package func audit(requestId: String) async throws -> [(actor: String, action: String)] {
        let logger = logger
        let lines = try await database.withConnection { connection in
            var lines: [AuditLine] = []
            for try await (actor, action) in try await connection.query(
                "SELECT actor, action FROM audit WHERE requestId = \(requestId) ORDER BY id", logger: logger
            ).decode((String, String).self) {
                lines.append(AuditLine(actor: actor, action: action))
            }
            return lines
        }
        return lines.map { (actor: $0.actor, action: $0.action) }
    }

    package func isReady() async -> Bool {
        await database.isReady()
    }

    // MARK: - Helpers

    /// A request with its tracking-code hash, Sendable for leaving the connection.
    private struct RequestWithHash: Sendable {
        var request: StoredRequest
        var trackingHash: String
    }

    /// A document with where its bytes are and, in the database, the bytes, Sendable for
    /// leaving the connection.
    private struct StoredDocument: Sendable {
        var document: RequestDocument
        var storage: String
        var content: Data?
    }

    /// A claimed event with the time it was due, for ordering the claim as SQLite does.
    private struct ClaimedEvent: Sendable {
        var event: OutboxEvent
        var dueAt: Double
    }

    /// One audit line, Sendable for leaving the connection.
    private struct AuditLine: Sendable {
        var actor: String
        var action: String
    }

    /// Waits for other transactions using the same idempotency key to end, so the key is
    /// checked and stored by one instance at a time.
    private static func lock(_ record: IdempotencyRecord, _ connection: PostgresConnection, _ logger: Logger)
        async throws
    {
        try await connection.lockForTransaction(namespace: record.scope, value: record.key, logger: logger)
    }

    private static func replay(
        _ record: IdempotencyRecord, now: Date, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> (reply: Data?, requestId: String?)? {
        var found: (route: String, fingerprint: String, reply: Data?, requestId: String?)?
        for try await row in try await connection.query(
            """
            SELECT route, fingerprint, reply, requestId FROM idempotency
            WHERE scope = \(record.scope) AND key = \(record.key) AND expiresAt > \(now.timeIntervalSince1970)
            """, logger: logger
        ).decode((String, String, Data?, String?).self) {
            found = row
        }
        guard let found else { return nil }
        guard found.route == record.route, found.fingerprint == record.fingerprint else {
            throw RequestStoreError.idempotencyKeyReused
        }
        return (found.reply, found.requestId)
    }

    /// Stores the key with its reply. A live row under the key is never replaced (only an
    /// expired one), so even a writer that bypassed the key's lock cannot store a second
    /// request under it: its whole transaction is rolled back instead.
    private static func remember(
        _ record: IdempotencyRecord, reply: Data?, requestId: String, at stamp: Double,
        _ connection: PostgresConnection, _ logger: Logger
    ) async throws {
        try await connection.query("DELETE FROM idempotency WHERE expiresAt <= \(stamp)", logger: logger)
        var stored = false
        for try await _ in try await connection.query(
            """
            INSERT INTO idempotency (scope, key, route, fingerprint, reply, requestId, createdAt, expiresAt)
            VALUES (\(record.scope), \(record.key), \(record.route), \(record.fingerprint), \(reply), \(requestId),
                \(stamp), \(record.expiresAt.timeIntervalSince1970))
            ON CONFLICT (scope, key) DO UPDATE SET route = excluded.route, fingerprint = excluded.fingerprint,
                reply = excluded.reply, requestId = excluded.requestId, createdAt = excluded.createdAt,
                expiresAt = excluded.expiresAt
            WHERE idempotency.expiresAt <= excluded.createdAt
            RETURNING key
            """, logger: logger
        ).decode(String.self) {
            stored = true
        }
        guard stored else { throw RequestStoreError.unreadable("idempotency key stored by another writer") }
    }

    private static func insertDocument(
        _ document: NewDocument, requestId: String, storage: DocumentStorage, at stamp: Double,
        _ connection: PostgresConnection, _ logger: Logger
    ) async throws {
        let id = UUID().uuidString.lowercased()
        let content: Data? = storage == .database ? document.content : nil
        try await connection.query(
            """
            INSERT INTO document (id, requestId, key, fileName, fileType, size, sha256, content, storage, uploadedAt,
                current)
            VALUES (\(id), \(requestId), \(document.key), \(document.fileName), \(document.fileType.rawValue),
                \(document.content.count), \(document.sha256), \(content), \(storage.rawValue), \(stamp), TRUE)
            """, logger: logger)
    }

    private static func history(
        _ connection: PostgresConnection, _ logger: Logger, requestId: String, action: RequestAction,
        from: RequestStatus?, to: RequestStatus, actor: String, at stamp: Double, note: String?
    ) async throws {
        try await connection.query(
            """
            INSERT INTO statusHistory (requestId, action, fromStatus, toStatus, actor, at, note)
            VALUES (\(requestId), \(action.rawValue), \(from?.rawValue), \(to.rawValue), \(actor), \(stamp), \(note))
            """, logger: logger)
    }

    private static func enqueue(
        _ connection: PostgresConnection, _ logger: Logger, requestId: String, eventId: String, recipient: String,
        template: NotificationKind, parameters: [String: String], at stamp: Double
    ) async throws {
        let json = String(decoding: try WireCoding.encoder.encode(parameters), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO outbox (eventId, requestId, recipient, template, parameters, status, createdAt, nextAttemptAt)
            VALUES (\(eventId), \(requestId), \(recipient), \(template.rawValue), \(json), 'pending', \(stamp), \(stamp))
            """, logger: logger)
    }

    private static func audit(
        _ connection: PostgresConnection, _ logger: Logger, actor: String, action: String, requestId: String?,
        detail: String?, at stamp: Double
    ) async throws {
        try await connection.query(
            """
            INSERT INTO audit (at, actor, action, requestId, detail)
            VALUES (\(stamp), \(actor), \(action), \(requestId), \(detail))
            """, logger: logger)
    }

    private static func fetchRequest(
        _ connection: PostgresConnection, _ logger: Logger, id: String, forUpdate: Bool = false
    ) async throws -> StoredRequest? {
        try await requests(
            connection, logger,
            """
            SELECT \(unescaped: requestColumns) FROM request WHERE id = \(id) \(unescaped: forUpdate ? "FOR UPDATE" : "")
            """
        ).first?.request
    }

    private static func requests(_ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery)
        async throws -> [RequestWithHash]
    {
        var requests: [RequestWithHash] = []
        for try await row in try await connection.query(query, logger: logger).decode(RequestRow.self) {
            requests.append(try request(row))
        }
        return requests
    }

    private static func request(_ row: RequestRow) throws -> RequestWithHash {
        guard let status = RequestStatus(rawValue: row.11) else {
            throw RequestStoreError.unreadable("request \(row.0)")
        }
        let profile = try WireCoding.decoder.decode(ServiceProfile.self, from: Data(row.5.utf8))
        let request = StoredRequest(
            id: row.0, processNumber: row.1, serviceCode: row.2, serviceTitle: row.3, profileVersion: row.4,
            profile: profile, province: row.6,
            applicant: RequestApplicant(nationalCode: row.7, firstName: row.8, lastName: row.9, mobile: row.10),
            status: status, assignee: row.12, submittedAt: Date(timeIntervalSince1970: row.13),
            dueAt: Date(timeIntervalSince1970: row.14), decidedAt: row.15.map(Date.init(timeIntervalSince1970:)),
            rejectionReasons: row.16)
        return RequestWithHash(request: request, trackingHash: row.17)
    }

    private static func document(_ row: DocumentRow) throws -> RequestDocument {
        guard let type = DocumentFileType(rawValue: row.3) else {
            throw RequestStoreError.unreadable("document \(row.0)")
        }
        return RequestDocument(
            documentId: row.0, key: row.1, fileName: row.2, fileType: type, size: row.4, sha256: row.5,
            uploadedAt: Date(timeIntervalSince1970: row.6), current: row.7)
    }

    private static func json(_ values: [String]) throws -> String {
        String(decoding: try WireCoding.encoder.encode(values), as: UTF8.self)
    }

    private static func strings(_ text: String) throws -> [String] {
        try WireCoding.decoder.decode([String].self, from: Data(text.utf8))
    }
}
