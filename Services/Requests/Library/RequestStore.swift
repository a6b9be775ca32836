import Foundation
import MizPersian
import MizSchema

/// Where the requests service keeps requests, their documents, history, fixes, notes, the
/// outbox, idempotency keys, holidays and the audit log.
///
/// A protocol so that a PostgreSQL back end can follow the SQLite one. Every write is one
/// transaction: a request is stored whole with its documents or not at all, and a status
/// change is stored with its history, its outbox event and its audit line. With a
/// `DocumentVault` (`--documents-folder`), documents' bytes are kept there before the
/// transaction and the rows refer to them by SHA-256; a crash in between leaves only files
/// no row names, which `DocumentSweeper` removes.
package protocol RequestStore: Sendable {
    /// The reply stored for an idempotency key, if the key is known and not expired.
    ///
    /// - Throws: `RequestStoreError.idempotencyKeyReused` when the key came with another request.
    func storedReply(for record: IdempotencyRecord, now: Date) async throws -> Data?

    /// Stores a new request: draws its process number, writes it with its form values,
    /// documents, first history entry, `requestReceived` outbox event, audit line and
    /// idempotency key. A key already stored returns its reply instead.
    func insert(_ request: NewRequest, idempotency: IdempotencyRecord?) async throws -> RequestReceipt

    /// Applies an action to a request; the status move is checked inside the transaction.
    /// A known idempotency key returns the request as it is now, unchanged.
    func apply(_ change: RequestChange, requestId: String, now: Date) async throws -> StoredRequest

    /// A request by id.
    func request(id: String) async throws -> StoredRequest?
    /// A request by its canonical process number, with its tracking-code hash.
    func request(processNumber: String) async throws -> (StoredRequest, trackingHash: String)?
    /// The form values of a request.
    func formValues(requestId: String) async throws -> [String: String]
    /// Every stored file of a request, described, oldest first.
    func documents(requestId: String) async throws -> [RequestDocument]
    /// One file of a request with its bytes, from the database or the documents folder, as
    /// its row says.
    ///
    /// - Throws: `RequestStoreError.documentUnavailable` when the file is missing, does not
    ///   match its row's SHA-256 and size, or lives in a folder this instance was not given.
    func document(requestId: String, documentId: String) async throws -> (RequestDocument, Data)?
    /// Which of `digests` a document row kept in the documents folder names, for the sweep.
    func referencedDocuments(among digests: [String]) async throws -> Set<String>
    /// The history of a request, oldest first.
    func history(requestId: String) async throws -> [RequestHistoryEntry]
    /// The latest fix request of a request.
    func latestFix(requestId: String) async throws -> FixRequest?
    /// The internal notes of a request, oldest first.
    func notes(requestId: String) async throws -> [InternalNote]

    /// A citizen's requests, newest first, and how many there are.
    func requests(applicant nationalCode: String, page: Int, pageSize: Int) async throws -> ([StoredRequest], Int)
    /// An inbox page by due date, the total, and counts per status (ignoring the status,
    /// date and overdue filters).
    func inbox(_ filter: InboxFilter, now: Date) async throws -> ([StoredRequest], Int, [String: Int])

    /// The official holidays, in date order; of one Jalali year when given.
    func holidays(year: Int?) async throws -> [Holiday]
    /// Adds (or renames) a holiday, with an audit line.
    func addHoliday(_ date: JalaliDate, title: String, actor: String, now: Date) async throws
    /// Removes a holiday, with an audit line; false when there was none.
    func removeHoliday(_ date: JalaliDate, actor: String, now: Date) async throws -> Bool

    /// Leases up to `limit` outbox events that are due, counting the attempt.
    func claimOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEvent]
    /// Records how an attempt ended.
    func finishOutbox(id: Int64, result: OutboxAttemptResult, now: Date) async throws
    /// When the relay should look again: the earliest due retry or lease end; nil when idle.
    func nextOutboxWake() async throws -> Date?
    /// Outbox events per state (`pending`, `sent`, `failed`).
    func outboxCounts() async throws -> [String: Int]

    /// The audit log of a request, oldest first, as (actor, action).
    func audit(requestId: String) async throws -> [(actor: String, action: String)]

    /// Whether the store answers, for `/ready`.
    func isReady() async -> Bool
}
