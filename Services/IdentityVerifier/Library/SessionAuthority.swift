import Foundation
import MizSchema

/// Opens, resolves and revokes sessions: a signed token whose session row is checked on
/// every resolve, so a logout, a password reset or a disabled account ends it at once.
package struct SessionAuthority: Sendable {
    let store: any AuthStore
    let key: SigningKey
    let policy: AuthPolicy
    let now: @Sendable () -> Date

    package init(store: any AuthStore, key: SigningKey, policy: AuthPolicy, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.key = key
        self.policy = policy
        self.now = now
    }

    /// A new session for a citizen; `mobile` is the number their login code went to.
    package func openCitizen(nationalCode: String, mobile: String? = nil) async throws -> IdentitySession {
        let caller = Caller(kind: .citizen, nationalCode: nationalCode)
        return try await open(
            kind: .citizen, subject: nationalCode, caller: caller, displayName: nil,
            lifetime: policy.citizenSessionLifetime, mobile: mobile)
    }

    /// A new session for a staff member.
    package func openStaff(_ account: StaffAccount) async throws -> IdentitySession {
        try await open(
            kind: .staff, subject: account.id, caller: Self.caller(of: account), displayName: account.displayName,
            lifetime: policy.staffSessionLifetime)
    }

    /// The caller a staff account stands for.
    package static func caller(of account: StaffAccount) -> Caller {
        Caller(kind: .staff, staffId: account.id, role: account.role, provinces: account.provinces)
    }

    private func open(
        kind: Caller.Kind, subject: String, caller: Caller, displayName: String?, lifetime: TimeInterval,
        mobile: String? = nil
    ) async throws -> IdentitySession {
        let start = now()
        let expires = Date(timeIntervalSince1970: (start.timeIntervalSince1970 + lifetime).rounded(.down))
        let record = SessionRecord(
            id: SessionToken.randomId(), kind: kind, subject: subject, createdAt: start, expiresAt: expires,
            mobile: mobile)
        try await store.insertSession(record)
        let token = SessionToken.sign(
            .init(sid: record.id, kind: kind, sub: subject, exp: Int64(expires.timeIntervalSince1970)),
            key: key.sessions)
        return IdentitySession(
            token: token, sessionId: record.id, caller: caller, displayName: displayName, expiresAt: expires)
    }

    /// `identity.session`: the caller of a valid token, or `unauthorized` for a forged,
    /// expired or revoked one (all alike).
    package func resolve(_ token: String) async throws -> IdentitySessionStatus {
        let invalid = BusError(.unauthorized, message: IdentityLoginMessages.sessionInvalid)
        guard let claims = SessionToken.verify(token, key: key.sessions) else { throw invalid }
        let moment = now()
        guard Double(claims.exp) > moment.timeIntervalSince1970,
            let record = try await store.session(id: claims.sid),
            record.revokedAt == nil, record.expiresAt > moment, record.kind == claims.kind, record.subject == claims.sub
        else { throw invalid }
        switch record.kind {
        case .citizen:
            return IdentitySessionStatus(
                sessionId: record.id, caller: Caller(kind: .citizen, nationalCode: record.subject), displayName: nil,
                expiresAt: record.expiresAt, mobile: record.mobile)
        case .staff:
            // A disabled account's sessions were revoked with it; checking here as well keeps a
            // session opened in the same instant from outliving the account.
            guard let staff = try await store.staff(id: record.subject), staff.account.enabled else { throw invalid }
            return IdentitySessionStatus(
                sessionId: record.id, caller: Self.caller(of: staff.account), displayName: staff.account.displayName,
                expiresAt: record.expiresAt)
        case .anonymous, .service:
            throw invalid
        }
    }

    /// `identity.logout`: revokes the session of a correctly signed token (expired or not).
    package func revoke(_ token: String) async throws -> IdentityLogoutReply {
        guard let claims = SessionToken.verify(token, key: key.sessions) else {
            throw BusError(.unauthorized, message: IdentityLoginMessages.sessionInvalid)
        }
        _ = try await store.revokeSession(id: claims.sid, now: now())
        return IdentityLogoutReply(sessionId: claims.sid)
    }
}
