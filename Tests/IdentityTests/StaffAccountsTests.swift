import Foundation
import IdentityVerifier
import MizSchema
import MizStorageTesting
import Testing

@Suite("Staff accounts: login, management by administrators, audit")
struct StaffAccountsTests {
    static let desk = Caller.service("desk")

    /// An administrator made by the desk command, logged in.
    static func administrator(_ fixture: AuthFixture) async throws -> IdentitySession {
        _ = try await fixture.routes.staff.create(
            IdentityStaffCreateRequest(
                username: "Admin", displayName: "مدیر سامانه", role: .administrator, provinces: [],
                password: "correct horse battery"), caller: desk, logger: testLogger)
        return try await fixture.routes.staff.login(
            IdentityStaffLoginRequest(username: "admin", password: "correct horse battery"), caller: visitor(),
            logger: testLogger)
    }

    @Test(
        "the desk makes the first administrator, who makes an official; passwords are hashed, logins audited",
        arguments: StoreKind.allCases)
    func createAndLogin(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await createAndLogin(fixture) }
    }

    /// `createAndLogin(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func createAndLogin(_ fixture: AuthFixture) async throws {
        let admin = try await Self.administrator(fixture)
        #expect(admin.caller.kind == .staff && admin.caller.role == .administrator && admin.caller.provinces == [])
        let official = try await fixture.routes.staff.create(
            IdentityStaffCreateRequest(
                username: "fars.karimi", displayName: "کريم کريمی", role: .official, provinces: ["fars", "bushehr"],
                password: "a long secret 1405"), caller: admin.caller, logger: testLogger)
        #expect(official.provinces == ["fars", "bushehr"] && official.displayName == "کریم کریمی")
        let session = try await fixture.routes.staff.login(
            IdentityStaffLoginRequest(username: "FARS.karimi", password: "a long secret 1405"), caller: visitor(),
            logger: testLogger)
        let resolved = try await fixture.routes.sessions.resolve(session.token)
        #expect(resolved.caller.staffId == official.id && resolved.caller.role == .official)
        #expect(resolved.caller.provinces == ["fars", "bushehr"] && resolved.displayName == "کریم کریمی")
        // No password in the database file, only bcrypt hashes.
        let file = try await fixture.databaseBytes()
        #expect(file.range(of: Data("a long secret 1405".utf8)) == nil)
        #expect(file.range(of: Data("correct horse battery".utf8)) == nil)
        #expect(String(decoding: file, as: UTF8.self).contains(/\$2[aby]\$04\$/))
        // A wrong password is refused and, like every login, audited with the address.
        let wrong = await busError {
            try await fixture.routes.staff.login(
                IdentityStaffLoginRequest(username: "fars.karimi", password: "not the password"),
                caller: visitor("203.0.113.9"), logger: testLogger)
        }
        #expect(wrong?.code == .unauthorized && wrong?.message == IdentityLoginMessages.staffInvalid)
        let audit = try await fixture.store.audit(limit: 10)
        #expect(audit.map(\.action) == ["staffLogin", "staffLogin", "staffCreate", "staffLogin", "staffCreate"])
        #expect(audit.map(\.outcome) == ["wrongPassword", "success", "success", "success", "success"])
        #expect(audit[0].clientAddress == "203.0.113.9" && audit[0].actor == "fars.karimi")
        #expect(audit[2].actor == "admin" && audit[2].target == "fars.karimi" && audit[4].actor == "desk")
    }

    @Test("an official, a citizen or nobody cannot manage staff; the refusal is audited", arguments: StoreKind.allCases)
    func onlyAdministratorsManage(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await onlyAdministratorsManage(fixture) }
    }

    /// `onlyAdministratorsManage(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func onlyAdministratorsManage(_ fixture: AuthFixture) async throws {
        let admin = try await Self.administrator(fixture)
        _ = try await fixture.routes.staff.create(
            IdentityStaffCreateRequest(
                username: "tehran1", displayName: "کارشناس تهران", role: .official, provinces: ["tehran"],
                password: "tehran password"), caller: admin.caller, logger: testLogger)
        let official = try await fixture.routes.staff.login(
            IdentityStaffLoginRequest(username: "tehran1", password: "tehran password"), caller: visitor(),
            logger: testLogger)
        let create = IdentityStaffCreateRequest(
            username: "fars2", displayName: "کارشناس فارس", role: .official, provinces: ["fars"],
            password: "another password")
        let staff = fixture.routes.staff
        #expect(
            await busError { try await staff.create(create, caller: official.caller, logger: testLogger) }?.code
                == .forbidden)
        #expect(
            await busError {
                try await staff.resetPassword(
                    IdentityStaffPasswordRequest(username: "admin", password: "taken over now"),
                    caller: official.caller, logger: testLogger)
            }?.code == .forbidden)
        #expect(await busError { try await staff.list(caller: official.caller) }?.code == .forbidden)
        let citizen = Caller(kind: .citizen, nationalCode: "0012345679")
        #expect(
            await busError { try await staff.create(create, caller: citizen, logger: testLogger) }?.code == .forbidden)
        #expect(await busError { try await staff.list(caller: .anonymous) }?.code == .unauthorized)
        // A caller claiming to be an administrator with an unknown staff id is nobody.
        let forged = Caller(kind: .staff, staffId: "forged", role: .administrator)
        #expect(await busError { try await staff.list(caller: forged) }?.code == .unauthorized)
        let audit = try await fixture.store.audit(limit: 2)
        #expect(audit.map(\.outcome) == ["refused", "refused"] && audit.allSatisfy { $0.actor == "tehran1" })
        let list = try await staff.list(caller: admin.caller)
        #expect(list.accounts.map(\.username) == ["admin", "tehran1"])
    }

    @Test("bad input is refused per field and nothing is stored", arguments: StoreKind.allCases)
    func validation(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await validation(fixture) }
    }

    /// `validation(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func validation(_ fixture: AuthFixture) async throws {
        let bad = IdentityStaffCreateRequest(
            username: "a b", displayName: " ", role: .official, provinces: ["atlantis"], password: "short")
        let error = try #require(
            await busError { try await fixture.routes.staff.create(bad, caller: Self.desk, logger: testLogger) })
        #expect(error.code == .invalidInput)
        #expect(Set(error.fields.map(\.field)) == ["username", "displayName", "provinces", "password"])
        #expect(try await fixture.store.allStaff().isEmpty)
        _ = try await Self.administrator(fixture)
        let duplicate = await busError {
            try await fixture.routes.staff.create(
                IdentityStaffCreateRequest(
                    username: "ADMIN", displayName: "دیگری", role: .administrator, provinces: [],
                    password: "some other password"), caller: Self.desk, logger: testLogger)
        }
        #expect(duplicate?.code == .conflict)
    }

    @Test(
        "five wrong passwords lock the account; a reset password revokes the account's sessions",
        arguments: StoreKind.allCases)
    func lockAndReset(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await lockAndReset(fixture) }
    }

    /// `lockAndReset(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func lockAndReset(_ fixture: AuthFixture) async throws {
        let admin = try await Self.administrator(fixture)
        var codes: [ErrorCode?] = []
        for _ in 0..<5 {
            codes.append(
                await busError {
                    try await fixture.routes.staff.login(
                        IdentityStaffLoginRequest(username: "admin", password: "wrong password"), caller: visitor(),
                        logger: testLogger)
                }?.code)
        }
        #expect(codes == [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
        let right = IdentityStaffLoginRequest(username: "admin", password: "correct horse battery")
        #expect(
            await busError { try await fixture.routes.staff.login(right, caller: visitor(), logger: testLogger) }?.code
                == .tooManyRequests)
        _ = try await fixture.routes.staff.resetPassword(
            IdentityStaffPasswordRequest(username: "admin", password: "a brand new password"), caller: Self.desk,
            logger: testLogger)
        #expect(await busError { try await fixture.routes.sessions.resolve(admin.token) }?.code == .unauthorized)
        _ = try await fixture.routes.staff.login(
            IdentityStaffLoginRequest(username: "admin", password: "a brand new password"), caller: visitor(),
            logger: testLogger)
    }
}
