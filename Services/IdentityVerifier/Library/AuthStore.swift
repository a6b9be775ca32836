import Foundation

/// The storage of citizens' logins, sessions, staff accounts and the audit log, behind a
/// protocol so a PostgreSQL back end can stand beside SQLite. Every method is one atomic
/// transaction: two instances sharing the store never both use one code.
package protocol AuthStore: Sendable {
    /// Counts an attempt in each bucket and answers false, counting nothing, when any bucket
    /// already had `limit` attempts within `window` seconds before `now`.
    func admit(_ buckets: [(bucket: String, limit: Int)], window: TimeInterval, now: Date) async throws -> Bool

    /// When the subject's lock ends, or nil when it is not locked at `now`.
    func lockedUntil(_ subject: String, now: Date) async throws -> Date?

    /// Counts a failure for the subject; at `threshold` failures it is locked until
    /// `now + lockDuration` and the count starts again. Returns the lock's end when locked.
    func recordFailure(_ subject: String, threshold: Int, lockDuration: TimeInterval, now: Date) async throws -> Date?

    /// Forgets the subject's failures after a success.
    func clearFailures(_ subject: String) async throws

    /// The newest challenge of a national code.
    func latestChallenge(nationalCode: String) async throws -> LoginChallengeRecord?

    /// Stores a new challenge and retires the national code's earlier unused ones.
    func insertChallenge(_ challenge: LoginChallengeRecord) async throws

    /// The challenge with this id.
    func challenge(id: String) async throws -> LoginChallengeRecord?

    /// Marks the challenge used at `now` if it was not yet; true when this call used it.
    func useChallenge(id: String, now: Date) async throws -> Bool

    /// Counts a wrong code against the challenge.
    func countWrongCode(challengeId: String) async throws

    /// Stores a new session.
    func insertSession(_ session: SessionRecord) async throws

    /// The session with this id.
    func session(id: String) async throws -> SessionRecord?

    /// Revokes a session; true when it was open.
    func revokeSession(id: String, now: Date) async throws -> Bool

    /// Revokes every open session of a subject.
    func revokeSessions(kind: String, subject: String, now: Date) async throws

    /// Stores a new staff account and its audit row together.
    func insertStaff(_ staff: StaffRecord, audit: AuditEntry) async throws

    /// The staff account with this user name (lower case).
    func staff(username: String) async throws -> StaffRecord?

    /// The staff account with this id.
    func staff(id: String) async throws -> StaffRecord?

    /// Every staff account in user-name order.
    func allStaff() async throws -> [StaffRecord]

    /// Replaces an account's password hash, revokes its sessions and writes the audit row.
    func updatePassword(username: String, hash: String, audit: AuditEntry, now: Date) async throws -> StaffRecord

    /// Enables or disables an account and sets its provinces (nil leaves either as it is),
    /// writing the audit rows in the same transaction. Disabling revokes the account's open
    /// sessions in that transaction too, and is refused with `lastAdministrator` when the
    /// account is the only enabled administrator; the count is taken under a lock, so two
    /// administrators disabling each other at once cannot both succeed. With
    /// `keepingAnAdministrator` false (the operator's recovery) the last one is disabled too.
    func updateStaff(
        username: String, enabled: Bool?, provinces: [String]?, audit: [AuditEntry], keepingAnAdministrator: Bool,
        now: Date
    ) async throws -> StaffRecord

    /// Appends a row to the audit log.
    func appendAudit(_ entry: AuditEntry) async throws

    /// The audit rows `filter` keeps, newest first, skipping the `offset` newest.
    func audit(matching filter: AuditFilter, offset: Int, limit: Int) async throws -> [AuditEntry]

    /// How many rows of the audit log `filter` keeps.
    func auditCount(matching filter: AuditFilter) async throws -> Int

    /// Whether the store answers.
    func isReady() async -> Bool
}

extension AuthStore {
    /// The latest audit rows, newest first.
    package func audit(limit: Int) async throws -> [AuditEntry] {
        try await audit(offset: 0, limit: limit)
    }

    /// Audit rows newest first, skipping the `offset` newest.
    package func audit(offset: Int, limit: Int) async throws -> [AuditEntry] {
        try await audit(matching: AuditFilter(), offset: offset, limit: limit)
    }

    /// How many rows the audit log has.
    package func auditCount() async throws -> Int {
        try await auditCount(matching: AuditFilter())
    }

    /// `updateStaff` keeping the last enabled administrator enabled, as every caller but the
    /// operator's recovery does.
    package func updateStaff(
        username: String, enabled: Bool?, provinces: [String]?, audit: [AuditEntry], now: Date
    ) async throws -> StaffRecord {
        try await updateStaff(
            username: username, enabled: enabled, provinces: provinces, audit: audit, keepingAnAdministrator: true,
            now: now)
    }
}
