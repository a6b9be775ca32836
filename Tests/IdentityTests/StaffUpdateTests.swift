import Foundation
import IdentityVerifier
import MizSchema
import MizStorageTesting
import Testing

@Suite("Staff accounts: disable, enable, provinces, the audit log")
struct StaffUpdateTests {
    static let desk = Caller.service("desk")
    static let officialPassword = "official secret 1405"

    /// The desk's first administrator, logged in, and an official of Fars, logged in.
    static func administratorAndOfficial(_ fixture: AuthFixture) async throws -> (IdentitySession, IdentitySession) {
        let admin = try await StaffAccountsTests.administrator(fixture)
        _ = try await fixture.routes.staff.create(
            IdentityStaffCreateRequest(
                username: "fars1", displayName: "کارشناس فارس", role: .official, provinces: ["fars"],
                password: officialPassword), caller: admin.caller, logger: testLogger)
        let official = try await fixture.routes.staff.login(
            IdentityStaffLoginRequest(username: "fars1", password: officialPassword), caller: visitor(),
            logger: testLogger)
        return (admin, official)
    }

    @Test(
        "a disabled official's sessions end at once; the right password then says the account is disabled; enabled again, they log in",
        arguments: StoreKind.allCases)
    func disableAndEnable(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await disableAndEnable(fixture) }
    }

    /// `disableAndEnable(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func disableAndEnable(_ fixture: AuthFixture) async throws {
        let (admin, official) = try await Self.administratorAndOfficial(fixture)
        let staff = fixture.routes.staff
        let disabled = try await staff.update(
            IdentityStaffUpdateRequest(username: "FARS1", enabled: false), caller: admin.caller, logger: testLogger)
        #expect(!disabled.enabled && disabled.provinces == ["fars"])
        #expect(await busError { try await fixture.routes.sessions.resolve(official.token) }?.code == .unauthorized)
        // A wrong password is refused like any other; only the right one learns of the disabling.
        let wrong = await busError {
            try await staff.login(
                IdentityStaffLoginRequest(username: "fars1", password: "not the password"), caller: visitor(),
                logger: testLogger)
        }
        #expect(wrong?.code == .unauthorized && wrong?.message == IdentityLoginMessages.staffInvalid)
        let right = IdentityStaffLoginRequest(username: "fars1", password: Self.officialPassword)
        let refused = await busError { try await staff.login(right, caller: visitor(), logger: testLogger) }
        #expect(refused?.code == .forbidden && refused?.message == IdentityLoginMessages.staffDisabled)
        #expect(refused?.message.contains("حساب شما غیرفعال است") == true)
        #expect(try await staff.list(caller: admin.caller).accounts.first { $0.username == "fars1" }?.enabled == false)
        let enabled = try await staff.update(
            IdentityStaffUpdateRequest(username: "fars1", enabled: true), caller: admin.caller, logger: testLogger)
        #expect(enabled.enabled)
        let again = try await staff.login(right, caller: visitor(), logger: testLogger)
        #expect(try await fixture.routes.sessions.resolve(again.token).caller.staffId == official.caller.staffId)
        let audit = try await fixture.store.audit(limit: 4)
        #expect(audit.map(\.action) == ["staffLogin", "staffEnable", "staffLogin", "staffLogin"])
        #expect(audit.map(\.outcome) == ["success", "success", "disabled", "wrongPassword"])
        #expect(audit[1].actor == "admin" && audit[1].target == "fars1")
        let older = try await fixture.store.audit(offset: 4, limit: 1)
        #expect(older.map(\.action) == ["staffDisable"] && older.first?.target == "fars1")
    }

    @Test(
        "an official's provinces are edited by an administrator; the session sees them; bad provinces change nothing",
        arguments: StoreKind.allCases)
    func provinces(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await provinces(fixture) }
    }

    /// `provinces(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func provinces(_ fixture: AuthFixture) async throws {
        let (admin, official) = try await Self.administratorAndOfficial(fixture)
        let staff = fixture.routes.staff
        let moved = try await staff.update(
            IdentityStaffUpdateRequest(username: "fars1", provinces: ["BUSHEHR", "fars", "bushehr"]),
            caller: admin.caller, logger: testLogger)
        #expect(moved.provinces == ["bushehr", "fars"] && moved.enabled)
        let resolved = try await fixture.routes.sessions.resolve(official.token)
        #expect(resolved.caller.provinces == ["bushehr", "fars"])
        let entry = try #require(try await fixture.store.audit(limit: 1).first)
        #expect(entry.action == "staffProvinces" && entry.detail == "بوشهر، فارس" && entry.target == "fars1")
        for bad in [["atlantis"], []] {
            let error = await busError {
                try await staff.update(
                    IdentityStaffUpdateRequest(username: "fars1", enabled: false, provinces: bad),
                    caller: admin.caller, logger: testLogger)
            }
            #expect(error?.code == .invalidInput && error?.fields.map(\.field) == ["provinces"])
        }
        // Nothing of the refused changes was stored: still enabled, still the same provinces.
        let account = try #require(try await fixture.store.staff(username: "fars1")).account
        #expect(account.enabled && account.provinces == ["bushehr", "fars"])
        #expect(try await fixture.store.audit(limit: 1).first == entry)
        let unknown = await busError {
            try await staff.update(
                IdentityStaffUpdateRequest(username: "nobody", enabled: false), caller: admin.caller,
                logger: testLogger)
        }
        #expect(unknown?.code == .notFound)
        // At creation, an official without a province is named among the other problems.
        let both = await busError {
            try await staff.create(
                IdentityStaffCreateRequest(
                    username: "a b", displayName: "کسی", role: .official, provinces: [],
                    password: "long enough password"), caller: Self.desk, logger: testLogger)
        }
        #expect(Set(both?.fields.map(\.field) ?? []) == ["username", "provinces"])
    }

    @Test(
        "nobody disables their own account or the last enabled administrator; officials cannot update staff; refusals are audited",
        arguments: StoreKind.allCases)
    func refusals(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await refusals(fixture) }
    }

    /// `refusals(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func refusals(_ fixture: AuthFixture) async throws {
        let (admin, official) = try await Self.administratorAndOfficial(fixture)
        let staff = fixture.routes.staff
        let disableAdmin = IdentityStaffUpdateRequest(username: "admin", enabled: false)
        let own = await busError { try await staff.update(disableAdmin, caller: admin.caller, logger: testLogger) }
        #expect(own?.code == .conflict && own?.fields.map(\.field) == ["enabled"])
        // Even the desk cannot disable the only enabled administrator.
        let last = await busError { try await staff.update(disableAdmin, caller: Self.desk, logger: testLogger) }
        #expect(last?.code == .conflict && last?.message.contains("تنها مدیر کل فعال") == true)
        let byOfficial = await busError {
            try await staff.update(
                IdentityStaffUpdateRequest(username: "fars1", provinces: ["tehran"]), caller: official.caller,
                logger: testLogger)
        }
        #expect(byOfficial?.code == .forbidden)
        let citizen = Caller(kind: .citizen, nationalCode: "0012345679")
        #expect(
            await busError { try await staff.update(disableAdmin, caller: citizen, logger: testLogger) }?.code
                == .forbidden)
        #expect(
            await busError { try await staff.update(disableAdmin, caller: .anonymous, logger: testLogger) }?.code
                == .unauthorized)
        #expect(try await fixture.routes.sessions.resolve(admin.token).caller.staffId == admin.caller.staffId)
        #expect(try await fixture.store.staff(username: "fars1")?.account.provinces == ["fars"])
        let audit = try await fixture.store.audit(limit: 3)
        #expect(audit.map(\.outcome) == ["refused", "refused", "refused"])
        #expect(audit.map(\.actor) == ["fars1", "desk", "admin"])
        // With a second administrator, the first may be disabled by them, and then cannot act.
        _ = try await staff.create(
            IdentityStaffCreateRequest(
                username: "admin2", displayName: "مدیر دوم", role: .administrator, provinces: [],
                password: "second administrator"), caller: Self.desk, logger: testLogger)
        let second = try await staff.login(
            IdentityStaffLoginRequest(username: "admin2", password: "second administrator"), caller: visitor(),
            logger: testLogger)
        _ = try await staff.update(disableAdmin, caller: second.caller, logger: testLogger)
        #expect(await busError { try await staff.list(caller: admin.caller) }?.code == .unauthorized)
        let lastNow = await busError {
            try await staff.update(
                IdentityStaffUpdateRequest(username: "admin2", enabled: false), caller: Self.desk, logger: testLogger)
        }
        #expect(lastNow?.code == .conflict)
    }

    @Test(
        "two administrators disabling each other through two instances at once: one succeeds, one stays enabled",
        arguments: StoreKind.allCases)
    func disableEachOther(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await disableEachOther(fixture) }
    }

    /// `disableEachOther(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func disableEachOther(_ fixture: AuthFixture) async throws {
        let now = fixture.clock.now
        for name in ["a1", "a2"] {
            let account = StaffAccount(
                id: "id-\(name)", username: name, displayName: name, role: .administrator, provinces: [],
                createdAt: now)
            try await fixture.store.insertStaff(
                StaffRecord(account: account, passwordHash: "$2b$04$hash"),
                audit: AuditEntry(at: now, actor: "desk", action: "staffCreate", outcome: "success", clientAddress: nil)
            )
        }
        try await fixture.withSecondStore { second in
            let stores: [any AuthStore] = [fixture.store, second]
            let results = await withTaskGroup(of: Result<StaffRecord, any Error>.self) { group in
                for (index, name) in ["a1", "a2"].enumerated() {
                    let store = stores[index]
                    group.addTask {
                        do {
                            return .success(
                                try await store.updateStaff(
                                    username: name, enabled: false, provinces: nil,
                                    audit: [
                                        AuditEntry(
                                            at: now, actor: "other", action: "staffDisable", target: name,
                                            outcome: "success", clientAddress: nil)
                                    ], now: now))
                        } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { (try? $0.get()) != nil }.count == 1)
            #expect(
                results.contains {
                    if case .failure(let error) = $0 { return error as? AuthStoreError == .lastAdministrator }
                    return false
                })
            let enabled = try await second.allStaff().filter(\.account.enabled)
            #expect(enabled.count == 1)
            // The refused transaction wrote no audit row.
            #expect(try await fixture.store.audit(limit: 10).filter { $0.action == "staffDisable" }.count == 1)
        }
    }

    @Test(
        "the audit log in pages, newest first, with a national code typed as a user name masked; administrators only",
        arguments: StoreKind.allCases)
    func auditList(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await auditList(fixture) }
    }

    /// `auditList(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func auditList(_ fixture: AuthFixture) async throws {
        let (admin, official) = try await Self.administratorAndOfficial(fixture)
        let staff = fixture.routes.staff
        // Someone types their national code as a user name.
        _ = await busError {
            try await staff.login(
                IdentityStaffLoginRequest(username: "0012345679", password: "whatever it is"),
                caller: visitor("203.0.113.9"), logger: testLogger)
        }
        let first = try await staff.auditList(IdentityAuditListRequest(page: 1, pageSize: 2), caller: admin.caller)
        #expect(first.total == 5 && first.page == 1 && first.items.count == 2)
        let newest = try #require(first.items.first)
        #expect(newest.action == "staffLogin" && newest.outcome == "unknownUser")
        #expect(newest.actor == "001******9" && newest.clientAddress == "203.0.113.9")
        #expect(first.items[0].id > first.items[1].id && first.items[0].at >= first.items[1].at)
        let last = try await staff.auditList(IdentityAuditListRequest(page: 3, pageSize: 2), caller: admin.caller)
        #expect(last.items.map(\.action) == ["staffCreate"] && last.items.first?.actor == "desk")
        let all = try await staff.auditList(IdentityAuditListRequest(page: 1, pageSize: 100), caller: admin.caller)
        #expect(all.items.count == 5 && Set(all.items.map(\.id)).count == 5)
        let bad = await busError {
            try await staff.auditList(IdentityAuditListRequest(page: 0, pageSize: 500), caller: admin.caller)
        }
        #expect(bad?.code == .invalidInput && Set(bad?.fields.map(\.field) ?? []) == ["page", "pageSize"])
        let byOfficial = await busError {
            try await staff.auditList(IdentityAuditListRequest(), caller: official.caller)
        }
        #expect(byOfficial?.code == .forbidden)
        #expect(
            await busError { try await staff.auditList(IdentityAuditListRequest(), caller: .anonymous) }?.code
                == .unauthorized)
        // The official's refusal is in the log; the raw national code is nowhere in a reply.
        let now = try await staff.auditList(IdentityAuditListRequest(page: 1, pageSize: 1), caller: admin.caller)
        #expect(now.items.first?.action == "auditList" && now.items.first?.actor == "fars1")
        #expect(!all.items.contains { $0.actor.contains("0012345679") })
    }

    @Test("a citizen's session knows the mobile the login code went to", arguments: StoreKind.allCases)
    func citizenMobile(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await citizenMobile(fixture) }
    }

    /// `citizenMobile(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func citizenMobile(_ fixture: AuthFixture) async throws {
        let challenge = try await fixture.routes.citizens.start(
            IdentityLoginStartRequest(nationalCode: "0012345679", mobile: "+98 912 123 4567"), caller: visitor(),
            logger: testLogger)
        let sms = await fixture.sender.message(number: 1)
        let session = try await fixture.routes.citizens.verify(
            IdentityLoginVerifyRequest(challengeId: challenge.challengeId, code: sms.code), caller: visitor(),
            logger: testLogger)
        let resolved = try await fixture.routes.sessions.resolve(session.token)
        #expect(resolved.mobile == "09121234567" && resolved.caller.nationalCode == "0012345679")
        let (admin, _) = try await Self.administratorAndOfficial(fixture)
        #expect(try await fixture.routes.sessions.resolve(admin.token).mobile == nil)
    }
}
