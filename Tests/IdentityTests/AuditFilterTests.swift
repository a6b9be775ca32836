import Foundation
import IdentityVerifier
import MizPersian
import MizSchema
import MizStorageTesting
import Testing

@Suite("The audit log filtered by actor, action and Jalali days; the desk's last-administrator override")
struct AuditFilterTests {
    static let desk = Caller.service("desk")

    @Test(
        "filters by actor, action and a range of Jalali days typed in any digits keep paging; bad filters say why in Persian",
        arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await filters(fixture) }
    }

    /// `filters(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func filters(_ fixture: AuthFixture) async throws {
        let staff = fixture.routes.staff
        // Day one: the administrator and the official are made, both log in.
        let (admin, _) = try await StaffUpdateTests.administratorAndOfficial(fixture)
        let dayOne = JalaliDate(gregorian: fixture.clock.now)
        // Day three: three wrong passwords for fars1, and the desk disables fars1.
        fixture.clock.advance(2 * 86_400)
        let dayThree = JalaliDate(gregorian: fixture.clock.now)
        #expect(dayOne.days(to: dayThree) == 2)
        for _ in 0..<3 {
            _ = await busError {
                try await staff.login(
                    IdentityStaffLoginRequest(username: "fars1", password: "not the password"), caller: visitor(),
                    logger: testLogger)
            }
        }
        _ = try await staff.update(
            IdentityStaffUpdateRequest(username: "fars1", enabled: false), caller: Self.desk, logger: testLogger)

        func list(_ request: IdentityAuditListRequest) async throws -> IdentityAuditList {
            try await staff.auditList(request, caller: admin.caller)
        }
        // One actor, typed in capitals: fars1's own rows only (a login, three wrong passwords).
        let fars = try await list(IdentityAuditListRequest(pageSize: 2, actor: " FARS1 "))
        #expect(fars.total == 4 && fars.items.count == 2 && fars.items.allSatisfy { $0.actor == "fars1" })
        let farsLast = try await list(IdentityAuditListRequest(page: 2, pageSize: 2, actor: "fars1"))
        #expect(farsLast.items.map(\.outcome) == ["wrongPassword", "success"] && farsLast.total == 4)
        // The desk's rows: the administrator's creation and the disabling (the administrator made fars1).
        let byDesk = try await list(IdentityAuditListRequest(actor: "desk"))
        #expect(byDesk.items.map(\.action) == ["staffDisable", "staffCreate"])
        #expect(
            try await list(IdentityAuditListRequest(actor: "admin", action: "staffCreate")).items.first?.target
                == "fars1")
        let disabled = try await list(IdentityAuditListRequest(actor: "desk", action: "staffDisable"))
        #expect(disabled.total == 1 && disabled.items.first?.target == "fars1")
        // Jalali days in Persian digits with Persian separators, then Latin: day one alone, day three alone.
        let first = try await list(
            IdentityAuditListRequest(action: "staffLogin", from: dayOne.formatted, to: dayOne.formatted))
        #expect(first.items.map(\.outcome) == ["success", "success"])
        let latin = "\(dayThree.year)-\(dayThree.month)-\(dayThree.day)"
        let third = try await list(IdentityAuditListRequest(action: "staffLogin", from: latin))
        #expect(third.total == 3 && third.items.allSatisfy { $0.outcome == "wrongPassword" })
        let between = try await list(
            IdentityAuditListRequest(from: dayOne.adding(days: 1).formatted, to: dayOne.adding(days: 1).formatted))
        #expect(between.total == 0 && between.items.isEmpty)
        // The last day the calendar supports is a valid end, not a crash.
        let all = try await list(IdentityAuditListRequest(from: "1000/01/01", to: "۹۹۹۹/۱۲/۲۹"))
        #expect(all.total == 8)
        // Bad filters: each named in Persian; nothing read.
        let bad = await busError {
            try await list(IdentityAuditListRequest(action: "dropTables", from: "1405/13/01", to: "دیروز"))
        }
        #expect(bad?.code == .invalidInput && Set(bad?.fields.map(\.field) ?? []) == ["action", "from", "to"])
        #expect(bad?.fields.first { $0.field == "from" }?.message.contains("ماه باید عددی بین ۱ تا ۱۲") == true)
        let backwards = await busError {
            try await list(IdentityAuditListRequest(from: dayThree.formatted, to: dayOne.formatted))
        }
        #expect(backwards?.fields.map(\.field) == ["to"])
        let long = await busError { try await list(IdentityAuditListRequest(actor: String(repeating: "a", count: 65))) }
        #expect(long?.fields.map(\.field) == ["actor"])
        // The filters are for administrators (and the desk), as the log is.
        let otherService = await busError {
            try await staff.auditList(IdentityAuditListRequest(actor: "admin"), caller: Caller.service("requests"))
        }
        #expect(otherService?.code == .forbidden)
    }

    @Test(
        "only the desk disables the last enabled administrator, and only when it says so; the log names the desk",
        arguments: StoreKind.allCases)
    func lastAdministrator(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await lastAdministrator(fixture) }
    }

    /// `lastAdministrator(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func lastAdministrator(_ fixture: AuthFixture) async throws {
        let staff = fixture.routes.staff
        let admin = try await StaffAccountsTests.administrator(fixture)
        let plain = IdentityStaffUpdateRequest(username: "admin", enabled: false)
        let kept = await busError { try await staff.update(plain, caller: Self.desk, logger: testLogger) }
        #expect(kept?.code == .conflict)
        // An administrator on the web cannot pass the override, not even for another account.
        let forced = IdentityStaffUpdateRequest(username: "admin", enabled: false, evenIfLastAdministrator: true)
        let byAdmin = await busError { try await staff.update(forced, caller: admin.caller, logger: testLogger) }
        #expect(byAdmin?.code == .forbidden && byAdmin?.message.contains("desk") == true)
        // Nor an administrator whose user name happens to be "desk".
        _ = try await staff.create(
            IdentityStaffCreateRequest(
                username: "desk", displayName: "مدیر میز", role: .administrator, provinces: [],
                password: "named like the desk"), caller: Self.desk, logger: testLogger)
        let namedDesk = try await staff.login(
            IdentityStaffLoginRequest(username: "desk", password: "named like the desk"), caller: visitor(),
            logger: testLogger)
        let forcedByName = await busError {
            try await staff.update(
                IdentityStaffUpdateRequest(username: "desk", enabled: false, evenIfLastAdministrator: true),
                caller: namedDesk.caller, logger: testLogger)
        }
        #expect(forcedByName?.code == .forbidden)
        _ = try await staff.update(
            IdentityStaffUpdateRequest(username: "desk", enabled: false), caller: admin.caller, logger: testLogger)
        #expect(try await fixture.store.staff(username: "admin")?.account.enabled == true)
        let disabled = try await staff.update(forced, caller: Self.desk, logger: testLogger)
        #expect(!disabled.enabled)
        #expect(await busError { try await fixture.routes.sessions.resolve(admin.token) }?.code == .unauthorized)
        let login = await busError {
            try await staff.login(
                IdentityStaffLoginRequest(username: "admin", password: "correct horse battery"), caller: visitor(),
                logger: testLogger)
        }
        #expect(login?.code == .forbidden && login?.message == IdentityLoginMessages.staffDisabled)
        let row = try #require(
            try await staff.auditList(IdentityAuditListRequest(action: "staffDisable"), caller: Self.desk).items.first)
        #expect(row.actor == "desk" && row.target == "admin" && row.outcome == "success")
        #expect(row.detail?.contains("اپراتور") == true)
        // The desk enables it again; the administrator logs in.
        _ = try await staff.update(
            IdentityStaffUpdateRequest(username: "admin", enabled: true), caller: Self.desk, logger: testLogger)
        _ = try await staff.login(
            IdentityStaffLoginRequest(username: "admin", password: "correct horse battery"), caller: visitor(),
            logger: testLogger)
    }
}
