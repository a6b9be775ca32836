import Foundation
import Logging
import MizPersian
import MizRuntime
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
        guard record.account.enabled else {
            try await audit(username, "staffLogin", outcome: "disabled", address)
            logger.notice("staff login refused: account disabled", metadata: ["miz.staff.id": "\(record.account.id)"])
            throw BusError(.forbidden, message: IdentityLoginMessages.staffDisabled)
        }
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
        let provinces = Self.provinces(request.provinces, role: request.role, problems: &problems)
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

    /// `identity.staffUpdate`: administrators, or the `desk` service, disable or re-enable an
    /// account or set an official's provinces. Disabling ends the account's sessions in the
    /// same transaction; nobody disables their own account, and the last enabled
    /// administrator stays enabled unless the `desk` service passes `evenIfLastAdministrator`
    /// (the operator's recovery from the machine). Refusals are audited like the changes.
    package func update(_ request: IdentityStaffUpdateRequest, caller: Caller, logger: Logger) async throws
        -> StaffAccount
    {
        let actor = try await requireManager(caller, action: "staffUpdate")
        let username = Self.canonicalUsername(request.username)
        guard let current = try await store.staff(username: username) else {
            throw BusError(.notFound, message: "کاربری با این نام یافت نشد.")
        }
        let overrides = request.evenIfLastAdministrator == true
        // By the caller's kind, not the actor's name: a staff account may be called "desk".
        if overrides, !(caller.kind == .service && caller.service == "desk") {
            throw BusError(
                .forbidden,
                message: "فقط اپراتور سامانه با فرمان desk می‌تواند آخرین مدیر کل فعال را غیرفعال کند.")
        }
        var problems: [FieldError] = []
        let provinces = request.provinces.map { Self.provinces($0, role: current.account.role, problems: &problems) }
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        let moment = now()
        let address = caller.clientAddress
        if request.enabled == false, caller.kind == .staff, caller.staffId == current.account.id {
            try await store.appendAudit(
                AuditEntry(
                    at: moment, actor: actor, action: "staffDisable", target: username, outcome: "refused",
                    clientAddress: address, detail: "غیرفعال کردن حساب خود"))
            throw BusError(
                .conflict, message: "حساب خودتان را نمی‌توانید غیرفعال کنید؛ مدیر دیگری باید این کار را بکند.",
                fields: [FieldError(field: "enabled", message: "حساب خودتان را نمی‌توانید غیرفعال کنید.")])
        }
        var entries: [AuditEntry] = []
        if let enabled = request.enabled {
            entries.append(
                AuditEntry(
                    at: moment, actor: actor, action: enabled ? "staffEnable" : "staffDisable", target: username,
                    outcome: "success", clientAddress: address,
                    detail: !enabled && overrides ? "به دستور اپراتور، حتی اگر آخرین مدیر کل فعال باشد" : nil))
        }
        if let provinces, current.account.role == .official {
            entries.append(
                AuditEntry(
                    at: moment, actor: actor, action: "staffProvinces", target: username, outcome: "success",
                    clientAddress: address, detail: Self.provinceNames(provinces)))
        }
        do {
            let record = try await store.updateStaff(
                username: username, enabled: request.enabled,
                provinces: current.account.role == .official ? provinces : nil, audit: entries,
                keepingAnAdministrator: !overrides, now: moment)
            logger.info(
                "staff account updated",
                metadata: ["miz.staff.id": "\(record.account.id)", "miz.staff.enabled": "\(record.account.enabled)"])
            return record.account
        } catch AuthStoreError.noSuchStaff {
            throw BusError(.notFound, message: "کاربری با این نام یافت نشد.")
        } catch AuthStoreError.lastAdministrator {
            try await store.appendAudit(
                AuditEntry(
                    at: moment, actor: actor, action: "staffDisable", target: username, outcome: "refused",
                    clientAddress: address, detail: "آخرین مدیر کل فعال"))
            throw BusError(
                .conflict,
                message:
                    "این حساب تنها مدیر کل فعال سامانه است و غیرفعال نمی‌شود؛ نخست مدیر کل دیگری بسازید یا فعال کنید.",
                fields: [FieldError(field: "enabled", message: "آخرین مدیر کل فعال را نمی‌توان غیرفعال کرد.")])
        }
    }

    /// `identity.auditList`: administrators, or the `desk` service, read the audit log newest
    /// first, narrowed by actor, action and Jalali days when asked. A national code or mobile
    /// typed as a user name is masked before it leaves.
    package func auditList(_ request: IdentityAuditListRequest, caller: Caller) async throws -> IdentityAuditList {
        _ = try await requireManager(caller, action: "auditList")
        var problems: [FieldError] = []
        if request.page < 1 || request.page > 100_000 {
            problems.append(FieldError(field: "page", message: "شماره صفحه باید عددی از ۱ به بالا باشد."))
        }
        if request.pageSize < 1 || request.pageSize > 100 {
            problems.append(FieldError(field: "pageSize", message: "اندازه صفحه باید بین ۱ و ۱۰۰ باشد."))
        }
        let filter = Self.auditFilter(request, problems: &problems)
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        let total = try await store.auditCount(matching: filter)
        let rows = try await store.audit(
            matching: filter, offset: (request.page - 1) * request.pageSize, limit: request.pageSize)
        return IdentityAuditList(
            items: rows.map { row in
                IdentityAuditEntry(
                    id: row.id ?? 0, at: row.at, actor: LogRedaction.redact(row.actor), action: row.action,
                    target: row.target.map(LogRedaction.redact), outcome: row.outcome,
                    clientAddress: row.clientAddress, detail: row.detail)
            }, total: total, page: request.page, pageSize: request.pageSize)
    }

    /// The filter of an audit request, with a Persian problem for each part that cannot be
    /// read: an actor too long, an unknown action, a date that is not a Jalali day, a range
    /// that ends before it starts. Days are whole days in Tehran.
    private static func auditFilter(_ request: IdentityAuditListRequest, problems: inout [FieldError]) -> AuditFilter {
        var filter = AuditFilter()
        if let actor = request.actor.map(canonicalUsername), !actor.isEmpty {
            if actor.count > 64 {
                problems.append(FieldError(field: "actor", message: "نام کاربری حداکثر ۶۴ نویسه است."))
            }
            filter.actor = actor
        }
        if let action = request.action?.trimmingCharacters(in: .whitespacesAndNewlines), !action.isEmpty {
            if IdentityAuditEntry.actions.contains(action) {
                filter.action = action
            } else {
                problems.append(FieldError(field: "action", message: "این نوع رویداد شناخته نیست."))
            }
        }
        func day(_ text: String?, field: String) -> JalaliDate? {
            guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            switch JalaliDate.parse(text) {
            case .success(let date): return date
            case .failure(let error):
                problems.append(FieldError(field: field, message: error.persianMessage + "."))
                return nil
            }
        }
        let from = day(request.from, field: "from")
        let to = day(request.to, field: "to")
        if let from, let to, to < from {
            problems.append(FieldError(field: "to", message: "«تا تاریخ» نباید پیش از «از تاریخ» باشد."))
        }
        filter.from = from?.startOfDay()
        filter.before = to?.endOfDay()
        return filter
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
            guard let id = caller.staffId, let record = try await store.staff(id: id), record.account.enabled else {
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

    /// The canonical province slugs of a request, with a problem for an unknown one, for an
    /// official without any, and for an administrator given some.
    private static func provinces(_ slugs: [String], role: StaffRole, problems: inout [FieldError]) -> [String] {
        var provinces: [String] = []
        let earlier = problems.count
        for slug in slugs {
            guard let province = Province(slug: slug.lowercased()) else {
                problems.append(FieldError(field: "provinces", message: "استان «\(slug)» شناخته نیست."))
                continue
            }
            if !provinces.contains(province.slug) { provinces.append(province.slug) }
        }
        switch role {
        case .official where provinces.isEmpty && problems.count == earlier:
            problems.append(FieldError(field: "provinces", message: "کارشناس استان دست‌کم به یک استان نیاز دارد."))
        case .administrator where !provinces.isEmpty:
            problems.append(
                FieldError(
                    field: "provinces", message: "مدیر کل سامانه به همه استان‌ها دسترسی دارد؛ استان انتخاب نکنید."))
        default:
            break
        }
        return provinces
    }

    /// Province slugs as their Persian names, for the audit log.
    private static func provinceNames(_ slugs: [String]) -> String {
        slugs.map { Province(slug: $0)?.persianName ?? $0 }.joined(separator: "، ")
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
