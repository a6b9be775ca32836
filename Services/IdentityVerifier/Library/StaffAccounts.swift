import Foundation
import Logging
import MizPersian
import MizSchema

/// Staff accounts: login with user name and password, and their management by national
/// administrators (or the `desk` command for the first administrator). Every login, success
/// or failure, and every change is written to the audit log; passwords never are.
package struct StaffAccounts: Sendable {
    /// The shortest password accepted.
    package static let minimumPasswordLength = 10

    let store: any AuthStore
    let sessions: SessionAuthority
    let hasher: PasswordHasher
    let policy: AuthPolicy
    let now: @Sendable () -> Date
    /// A hash checked when the user name is unknown, so an unknown name costs as much time
    /// as a wrong password.
    let decoyHash: String

    package init(
        store: any AuthStore, sessions: SessionAuthority, hasher: PasswordHasher, policy: AuthPolicy,
        now: @escaping @Sendable () -> Date
    ) async {
        self.store = store
        self.sessions = sessions
        self.hasher = hasher
        self.policy = policy
        self.now = now
        self.decoyHash = await hasher.hash(SessionToken.randomId())
    }

    /// `identity.staffLogin`.
    package func login(_ request: IdentityStaffLoginRequest, caller: Caller, logger: Logger) async throws
        -> IdentitySession
    {
        let username = Self.canonicalUsername(request.username)
        let moment = now()
        let address = caller.clientAddress
        let refused = BusError(.unauthorized, message: IdentityLoginMessages.staffInvalid)
        guard !username.isEmpty, username.count <= 64, !request.password.isEmpty, request.password.count <= 256 else {
            throw refused
        }
        if let address {
            guard
                try await store.admit(
                    [("staff:ip:\(address)", policy.staffLoginsPerAddress)], window: policy.rateWindow, now: moment)
            else {
                try await audit(username, "staffLogin", outcome: "rateLimited", address)
                throw BusError(.tooManyRequests, message: IdentityLoginMessages.tooManyAttempts)
            }
        }
        let subject = "staff:\(username)"
        if try await store.lockedUntil(subject, now: moment) != nil {
            try await audit(username, "staffLogin", outcome: "locked", address)
            throw BusError(.tooManyRequests, message: IdentityLoginMessages.staffLocked)
        }
        let record = try await store.staff(username: username)
        let matches = await hasher.verify(request.password, hash: record?.passwordHash ?? decoyHash)
        guard let record, matches else {
            let locked = try await store.recordFailure(
                subject, threshold: policy.lockThreshold, lockDuration: policy.lockDuration, now: moment)
            try await audit(username, "staffLogin", outcome: record == nil ? "unknownUser" : "wrongPassword", address)
            logger.notice("staff login refused", metadata: ["miz.staff.username": "\(username)"])
            if locked != nil { throw BusError(.tooManyRequests, message: IdentityLoginMessages.staffLocked) }
            throw refused
        }
        try await store.clearFailures(subject)
        try await audit(username, "staffLogin", outcome: "success", address)
        logger.info("staff logged in", metadata: ["miz.staff.id": "\(record.account.id)"])
        return try await sessions.openStaff(record.account)
    }

    /// `identity.staffCreate`: administrators, or the `desk` service.
    package func create(_ request: IdentityStaffCreateRequest, caller: Caller, logger: Logger) async throws
        -> StaffAccount
    {
        let actor = try await requireManager(caller, action: "staffCreate")
        let username = Self.canonicalUsername(request.username)
        var problems: [FieldError] = []
        if username.count < 3 || username.count > 32
            || !username.unicodeScalars.allSatisfy({ Self.usernameCharacters.contains($0) })
        {
            problems.append(
                FieldError(
                    field: "username",
                    message: "نام کاربری باید ۳ تا ۳۲ نویسه از حروف لاتین، رقم، نقطه، خط تیره یا زیرخط باشد."))
        }
        let displayName = PersianText.normalizedForDisplay(request.displayName)
        if displayName.isEmpty || displayName.count > 80 {
            problems.append(FieldError(field: "displayName", message: "نام نمایشی را (تا ۸۰ نویسه) وارد کنید."))
        }
        var provinces: [String] = []
        for slug in request.provinces {
            guard let province = Province(slug: slug.lowercased()) else {
                problems.append(FieldError(field: "provinces", message: "استان «\(slug)» شناخته نیست."))
                continue
            }
            if !provinces.contains(province.slug) { provinces.append(province.slug) }
        }
        switch request.role {
        case .official where provinces.isEmpty:
            problems.append(FieldError(field: "provinces", message: "کارشناس استان دست‌کم به یک استان نیاز دارد."))
        case .administrator where !provinces.isEmpty:
            problems.append(
                FieldError(
                    field: "provinces", message: "مدیر کل سامانه به همه استان‌ها دسترسی دارد؛ استان انتخاب نکنید."))
        default:
            break
        }
        if let problem = Self.passwordProblem(request.password) { problems.append(problem) }
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        let moment = now()
        let account = StaffAccount(
            id: UUID().uuidString.lowercased(), username: username, displayName: displayName, role: request.role,
            provinces: provinces, createdAt: moment)
        let hash = await hasher.hash(request.password)
        do {
            try await store.insertStaff(
                StaffRecord(account: account, passwordHash: hash),
                audit: AuditEntry(
                    at: moment, actor: actor, action: "staffCreate", target: username, outcome: "success",
                    clientAddress: caller.clientAddress))
        } catch AuthStoreError.usernameTaken {
            throw BusError(
                .conflict, message: "این نام کاربری پیش‌تر ثبت شده است.",
                fields: [FieldError(field: "username", message: "نام کاربری تکراری است.")])
        }
        logger.info(
            "staff account created",
            metadata: ["miz.staff.id": "\(account.id)", "miz.staff.role": "\(account.role.rawValue)"])
        return account
    }

    /// `identity.staffResetPassword`: administrators, or the `desk` service.
    package func resetPassword(_ request: IdentityStaffPasswordRequest, caller: Caller, logger: Logger) async throws
        -> StaffAccount
    {
        let actor = try await requireManager(caller, action: "staffResetPassword")
        if let problem = Self.passwordProblem(request.password) { throw BusError.invalidInput([problem]) }
        let username = Self.canonicalUsername(request.username)
        let moment = now()
        let hash = await hasher.hash(request.password)
        do {
            let record = try await store.updatePassword(
                username: username, hash: hash,
                audit: AuditEntry(
                    at: moment, actor: actor, action: "staffResetPassword", target: username, outcome: "success",
                    clientAddress: caller.clientAddress), now: moment)
            try await store.clearFailures("staff:\(username)")
            logger.info("staff password reset", metadata: ["miz.staff.id": "\(record.account.id)"])
            return record.account
        } catch AuthStoreError.noSuchStaff {
            throw BusError(.notFound, message: "کاربری با این نام یافت نشد.")
        }
    }

    /// `identity.staffList`: administrators, or the `desk` service.
    package func list(caller: Caller) async throws -> StaffAccountList {
        _ = try await requireManager(caller, action: nil)
        return StaffAccountList(accounts: try await store.allStaff().map(\.account))
    }

    /// The name of a caller allowed to manage staff: an administrator whose account still
    /// exists, or the `desk` service. Refusals of a logged-in staff member are audited.
    private func requireManager(_ caller: Caller, action: String?) async throws -> String {
        switch caller.kind {
        case .service where caller.service == "desk":
            return "desk"
        case .staff:
            guard let id = caller.staffId, let record = try await store.staff(id: id) else {
                throw BusError(.unauthorized)
            }
            guard record.account.role == .administrator else {
                if let action {
                    try await audit(record.account.username, action, outcome: "refused", caller.clientAddress)
                }
                throw BusError(.forbidden, message: "مدیریت کاربران فقط با مدیر کل سامانه است.")
            }
            return record.account.username
        case .anonymous:
            throw BusError(.unauthorized)
        case .citizen, .service:
            throw BusError(.forbidden)
        }
    }

    private func audit(_ actor: String, _ action: String, outcome: String, _ address: String?) async throws {
        try await store.appendAudit(
            AuditEntry(at: now(), actor: actor, action: action, outcome: outcome, clientAddress: address))
    }

    /// User names are compared in lower case, with any digits made Latin.
    package static func canonicalUsername(_ text: String) -> String {
        PersianDigits.latin(text).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private static let usernameCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")

    private static func passwordProblem(_ password: String) -> FieldError? {
        guard password.count < minimumPasswordLength || password.utf8.count > 72 else { return nil }
        return FieldError(
            field: "password", message: "گذرواژه باید دست‌کم ۱۰ نویسه (و حداکثر ۷۲ بایت) باشد.")
    }
}
