import ArgumentParser
import Foundation
import IdentityVerifier
import MizSchema
import MizStorageTesting
import Testing

/// The per-address login limits an operator sets on `identity-verifier`: an office whose
/// officials share one public address needs more staff logins from it than the default.
@Suite("Login limits per address: flags and enforcement")
struct LoginLimitOptionsTests {
    @Test("the flags set the policy; without them it is 30 and 30 (60 code checks); 0 is refused")
    func flags() throws {
        let defaults = try IdentityVerifierOptions.parse([]).authPolicy
        #expect(defaults.staffLoginsPerAddress == 30 && defaults.startsPerAddress == 30)
        #expect(defaults.verificationsPerAddress == 60)
        let office = try IdentityVerifierOptions.parse([
            "--staff-logins-per-address", "500", "--login-starts-per-address", "40",
        ])
        .authPolicy
        #expect(office.staffLoginsPerAddress == 500 && office.startsPerAddress == 40)
        #expect(office.verificationsPerAddress == 80)
        #expect(throws: (any Error).self) { try IdentityVerifierOptions.parse(["--staff-logins-per-address", "0"]) }
    }

    @Test("staff logins beyond the limit from one address are refused in Persian; another address still logs in")
    func staffLimit() async throws {
        var policy = AuthPolicy()
        policy.staffLoginsPerAddress = 3
        try await AuthFixture.with(.sqlite, policy: policy) { fixture in
            _ = try await fixture.routes.staff.create(
                IdentityStaffCreateRequest(
                    username: "admin", displayName: "مدیر سامانه", role: .administrator, provinces: [],
                    password: "correct horse battery"), caller: .service("desk"), logger: testLogger)
            let login = IdentityStaffLoginRequest(username: "admin", password: "correct horse battery")
            for _ in 0..<3 {
                _ = try await fixture.routes.staff.login(login, caller: visitor("198.51.100.7"), logger: testLogger)
            }
            let fourth = await busError {
                try await fixture.routes.staff.login(login, caller: visitor("198.51.100.7"), logger: testLogger)
            }
            #expect(fourth?.code == .tooManyRequests && isPersian(fourth?.message ?? ""))
            _ = try await fixture.routes.staff.login(login, caller: visitor("198.51.100.8"), logger: testLogger)
        }
    }
}
