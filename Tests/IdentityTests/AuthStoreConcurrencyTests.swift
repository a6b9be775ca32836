import Foundation
import IdentityVerifier
import MizSchema
import MizStorageTesting
import Testing

/// Two identity-verifier instances over one database: a code is used once, a limit counts
/// exactly, a lock comes at the threshold and a user name is taken once, across instances.
@Suite("Auth store: two instances over one database")
struct AuthStoreConcurrencyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs `body` on alternating stores, `times` at once, and returns what each call gave.
    func race<T: Sendable>(
        _ first: any AuthStore, _ second: any AuthStore, times: Int = 8,
        _ body: @escaping @Sendable (any AuthStore, Int) async throws -> T
    ) async -> [Result<T, any Error>] {
        await withTaskGroup(of: Result<T, any Error>.self) { group in
            for index in 0..<times {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask {
                    do { return .success(try await body(store, index)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("a login code used through two instances at once opens one session", arguments: StoreKind.allCases)
    func codeUsedOnce(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await codeUsedOnce(fixture) }
    }

    func codeUsedOnce(_ fixture: AuthFixture) async throws {
        let now = now
        try await fixture.store.insertChallenge(
            LoginChallengeRecord(
                id: "challenge-1", nationalCode: "0012345679", codeHash: Data(repeating: 7, count: 32), createdAt: now,
                expiresAt: now.addingTimeInterval(120), resendAt: now.addingTimeInterval(60)))
        try await fixture.withSecondStore { second in
            let results = await race(fixture.store, second) { store, _ in
                try await store.useChallenge(id: "challenge-1", now: now)
            }
            let used = results.filter { (try? $0.get()) == true }.count
            #expect(used == 1)
            let stored = try await second.challenge(id: "challenge-1")
            #expect(stored?.usedAt == now && stored?.codeHash == Data(repeating: 7, count: 32))
        }
    }

    @Test("a rate limit counted by two instances at once admits exactly its limit", arguments: StoreKind.allCases)
    func limitAcrossInstances(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await limitAcrossInstances(fixture) }
    }

    func limitAcrossInstances(_ fixture: AuthFixture) async throws {
        let now = now
        try await fixture.withSecondStore { second in
            let results = await race(fixture.store, second, times: 10) { store, index in
                try await store.admit(
                    [(bucket: "start:nc:0012345679", limit: 3), (bucket: "start:ip:198.51.100.\(index)", limit: 5)],
                    window: 3600, now: now)
            }
            #expect(results.filter { (try? $0.get()) == true }.count == 3)
            #expect(results.filter { (try? $0.get()) == false }.count == 7)
        }
    }

    @Test("failures through two instances lock the subject at the threshold", arguments: StoreKind.allCases)
    func lockoutAcrossInstances(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await lockoutAcrossInstances(fixture) }
    }

    func lockoutAcrossInstances(_ fixture: AuthFixture) async throws {
        let now = now
        try await fixture.withSecondStore { second in
            let results = await race(fixture.store, second, times: 5) { store, _ in
                try await store.recordFailure("login:0012345679", threshold: 5, lockDuration: 900, now: now)
            }
            let locks = results.compactMap { try? $0.get() }
            #expect(locks == [now.addingTimeInterval(900)], "the fifth failure, whichever instance, locks")
            let until = try await second.lockedUntil("login:0012345679", now: now)
            #expect(until == now.addingTimeInterval(900))
        }
    }

    @Test("one user name created through two instances at once is one account", arguments: StoreKind.allCases)
    func usernameOnce(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await usernameOnce(fixture) }
    }

    func usernameOnce(_ fixture: AuthFixture) async throws {
        let now = now
        try await fixture.withSecondStore { second in
            let results = await race(fixture.store, second, times: 6) { store, index in
                let account = StaffAccount(
                    id: "staff-\(index)", username: "fars.karimi", displayName: "کریم کریمی", role: .official,
                    provinces: ["fars"], createdAt: now)
                try await store.insertStaff(
                    StaffRecord(account: account, passwordHash: "$2b$04$hash"),
                    audit: AuditEntry(
                        at: now, actor: "desk", action: "staffCreate", target: "fars.karimi", outcome: "success",
                        clientAddress: nil))
            }
            #expect(results.filter { (try? $0.get()) != nil }.count == 1)
            #expect(
                results.filter {
                    if case .failure(let error) = $0 { return error as? AuthStoreError == .usernameTaken }
                    return false
                }.count == 5)
            let all = try await second.allStaff()
            #expect(all.map(\.account.username) == ["fars.karimi"])
            let audit = try await fixture.store.audit(limit: 10)
            #expect(audit.count == 1)
        }
    }
}
