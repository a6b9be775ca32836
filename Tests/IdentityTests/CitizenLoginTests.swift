import Foundation
import IdentityVerifier
import MizSchema
import MizStorageTesting
import Testing

@Suite("Citizen SMS login, sessions and logout")
struct CitizenLoginTests {
    static let ali = IdentityLoginStartRequest(nationalCode: "0012345679", mobile: "09121234567")

    @Test(
        "a matching national code and mobile get a code by SMS; the code opens a citizen session",
        arguments: StoreKind.allCases)
    func loginWithCode(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await loginWithCode(fixture) }
    }

    /// `loginWithCode(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func loginWithCode(_ fixture: AuthFixture) async throws {
        let typed = IdentityLoginStartRequest(nationalCode: "۰۰۱۲۳۴۵۶۷۹", mobile: "+98 912 123 4567")
        let challenge = try await fixture.routes.citizens.start(typed, caller: visitor(), logger: testLogger)
        #expect(challenge.challengeId.count == 32)
        #expect(challenge.expiresAt == fixture.clock.now.addingTimeInterval(120))
        let sms = await fixture.sender.message(number: 1)
        #expect(sms.mobile == "09121234567" && sms.code.count == 6 && sms.eventId.contains(challenge.challengeId))
        // The code is stored hashed: its digits are nowhere in the database file.
        let file = try await fixture.databaseBytes()
        #expect(file.range(of: Data(sms.code.utf8)) == nil)
        let persianDigits = Array("۰۱۲۳۴۵۶۷۸۹")
        let persianCode = String(sms.code.map { persianDigits[Int(String($0))!] })
        let session = try await fixture.routes.citizens.verify(
            IdentityLoginVerifyRequest(challengeId: challenge.challengeId, code: persianCode), caller: visitor(),
            logger: testLogger)
        #expect(session.caller == Caller(kind: .citizen, nationalCode: "0012345679"))
        let resolved = try await fixture.routes.sessions.resolve(session.token)
        #expect(resolved.caller.kind == .citizen && resolved.caller.nationalCode == "0012345679")
    }

    @Test(
        "a matching and a non-matching national code get identical answers, and only the owner an SMS",
        arguments: StoreKind.allCases)
    func identicalAnswers(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await identicalAnswers(fixture) }
    }

    /// `identicalAnswers(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func identicalAnswers(_ fixture: AuthFixture) async throws {
        let matching = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let othersMobile = IdentityLoginStartRequest(nationalCode: "0023456787", mobile: "09121234567")
        let notMatching = try await fixture.routes.citizens.start(othersMobile, caller: visitor(), logger: testLogger)
        let unknownCode = IdentityLoginStartRequest(nationalCode: "0078912342", mobile: "09351111111")
        let unknown = try await fixture.routes.citizens.start(unknownCode, caller: visitor(), logger: testLogger)
        for other in [notMatching, unknown] {
            #expect(other.message == matching.message && other.codeLength == matching.codeLength)
            #expect(other.expiresAt == matching.expiresAt && other.resendAt == matching.resendAt)
            #expect(other.challengeId.count == matching.challengeId.count && other.challengeId != matching.challengeId)
        }
        _ = await fixture.sender.message(number: 1)
        #expect(fixture.sender.messages.count == 1)
        // A guessed code for the non-matching challenge fails like any wrong code.
        let error = try #require(
            await busError {
                try await fixture.routes.citizens.verify(
                    IdentityLoginVerifyRequest(challengeId: notMatching.challengeId, code: "123456"),
                    caller: visitor(), logger: testLogger)
            })
        #expect(error.code == .unauthorized && error.message == IdentityLoginMessages.codeInvalid)
    }

    @Test("a code expires after two minutes", arguments: StoreKind.allCases)
    func codeExpires(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await codeExpires(fixture) }
    }

    /// `codeExpires(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func codeExpires(_ fixture: AuthFixture) async throws {
        let challenge = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let code = await fixture.sender.message(number: 1).code
        fixture.clock.advance(121)
        let error = try #require(
            await busError {
                try await fixture.routes.citizens.verify(
                    IdentityLoginVerifyRequest(challengeId: challenge.challengeId, code: code), caller: visitor(),
                    logger: testLogger)
            })
        #expect(error.code == .unauthorized)
    }

    @Test("a code is single use", arguments: StoreKind.allCases)
    func codeSingleUse(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await codeSingleUse(fixture) }
    }

    /// `codeSingleUse(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func codeSingleUse(_ fixture: AuthFixture) async throws {
        let challenge = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let code = await fixture.sender.message(number: 1).code
        let request = IdentityLoginVerifyRequest(challengeId: challenge.challengeId, code: code)
        _ = try await fixture.routes.citizens.verify(request, caller: visitor(), logger: testLogger)
        let error = try #require(
            await busError { try await fixture.routes.citizens.verify(request, caller: visitor(), logger: testLogger) })
        #expect(error.code == .unauthorized)
    }

    @Test(
        "five wrong codes lock the national code for fifteen minutes, even with the right code",
        arguments: StoreKind.allCases)
    func lockout(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await lockout(fixture) }
    }

    /// `lockout(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func lockout(_ fixture: AuthFixture) async throws {
        let challenge = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let code = await fixture.sender.message(number: 1).code
        let wrong = code == "000000" ? "111111" : "000000"
        var codes: [ErrorCode] = []
        for _ in 0..<5 {
            let error = await busError {
                try await fixture.routes.citizens.verify(
                    IdentityLoginVerifyRequest(challengeId: challenge.challengeId, code: wrong), caller: visitor(),
                    logger: testLogger)
            }
            codes.append(try #require(error).code)
        }
        #expect(codes == [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
        let right = IdentityLoginVerifyRequest(challengeId: challenge.challengeId, code: code)
        let locked = try #require(
            await busError { try await fixture.routes.citizens.verify(right, caller: visitor(), logger: testLogger) })
        #expect(locked.code == .tooManyRequests && locked.message == IdentityLoginMessages.locked)
        fixture.clock.advance(60)
        let start = try #require(
            await busError { try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger) })
        #expect(start.code == .tooManyRequests)
        fixture.clock.advance(15 * 60)
        let again = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let fresh = await fixture.sender.message(number: 2).code
        _ = try await fixture.routes.citizens.verify(
            IdentityLoginVerifyRequest(challengeId: again.challengeId, code: fresh), caller: visitor(),
            logger: testLogger)
    }

    @Test("a new code cannot be asked before the resend time", arguments: StoreKind.allCases)
    func resendTooSoon(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await resendTooSoon(fixture) }
    }

    /// `resendTooSoon(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func resendTooSoon(_ fixture: AuthFixture) async throws {
        let first = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let error = try #require(
            await busError { try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger) })
        #expect(error.code == .tooManyRequests && error.message == IdentityLoginMessages.resendTooSoon)
        fixture.clock.advance(first.resendAt.timeIntervalSince(fixture.clock.now) + 1)
        _ = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        // The first code is retired by the second.
        let firstCode = await fixture.sender.message(number: 1).code
        _ = await fixture.sender.message(number: 2)
        let retired = try #require(
            await busError {
                try await fixture.routes.citizens.verify(
                    IdentityLoginVerifyRequest(challengeId: first.challengeId, code: firstCode), caller: visitor(),
                    logger: testLogger)
            })
        #expect(retired.code == .unauthorized)
    }

    @Test(
        "login starts are limited per national code, per mobile and per client address", arguments: StoreKind.allCases)
    func rateLimits(kind: StoreKind) async throws {
        var policy = AuthPolicy()
        policy.resendInterval = 0
        policy.startsPerNationalCode = 2
        policy.startsPerMobile = 3
        policy.startsPerAddress = 4
        try await AuthFixture.with(kind, policy: policy) { fixture in try await rateLimits(fixture, policy: policy) }
    }

    /// `rateLimits(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func rateLimits(_ fixture: AuthFixture, policy: AuthPolicy) async throws {
        let citizens = fixture.routes.citizens
        func start(_ code: String, _ mobile: String, _ address: String) async -> ErrorCode? {
            await busError {
                try await citizens.start(
                    IdentityLoginStartRequest(nationalCode: code, mobile: mobile), caller: visitor(address),
                    logger: testLogger)
            }?.code
        }
        // Per national code: the third start from other addresses and mobiles is refused.
        #expect(await start("0012345679", "09121234567", "10.0.0.1") == nil)
        #expect(await start("0012345679", "09121234568", "10.0.0.2") == nil)
        #expect(await start("0012345679", "09121234569", "10.0.0.3") == .tooManyRequests)
        // Per mobile: other national codes, one mobile.
        #expect(await start("0023456787", "09351234567", "10.0.1.1") == nil)
        #expect(await start("0034567895", "09351234567", "10.0.1.2") == nil)
        #expect(await start("0045678911", "09351234567", "10.0.1.3") == nil)
        #expect(await start("0056789122", "09351234567", "10.0.1.4") == .tooManyRequests)
        // Per address: different codes and mobiles, one address.
        let codes = ["0067891233", "0078912342", "0089123451", "0091234565", "0102345678"]
        var outcomes: [ErrorCode?] = []
        for (index, code) in codes.enumerated() {
            outcomes.append(await start(code, "0912000000\(index)", "10.0.2.1"))
        }
        #expect(outcomes == [nil, nil, nil, nil, .tooManyRequests])
    }

    @Test("applicant verification is limited per client address and per national code", arguments: StoreKind.allCases)
    func applicantLimits(kind: StoreKind) async throws {
        var policy = AuthPolicy()
        policy.applicantChecksPerNationalCode = 2
        policy.applicantChecksPerAddress = 2
        try await AuthFixture.with(kind, policy: policy) { fixture in try await applicantLimits(fixture, policy: policy)
        }
    }

    /// `applicantLimits(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func applicantLimits(_ fixture: AuthFixture, policy: AuthPolicy) async throws {
        let ali = Demo.ali
        _ = try await fixture.applicants.verifyApplicant(ali, caller: visitor("10.1.0.1"), logger: testLogger)
        _ = try await fixture.applicants.verifyApplicant(ali, caller: visitor("10.1.0.2"), logger: testLogger)
        let perCode = try #require(
            await busError {
                try await fixture.applicants.verifyApplicant(ali, caller: visitor("10.1.0.3"), logger: testLogger)
            })
        #expect(perCode.code == .tooManyRequests)
        let fatemeh = Demo.fatemeh
        var wrong = fatemeh
        wrong.birthDate = "1365/12/28"
        _ = try await fixture.applicants.verifyApplicant(fatemeh, caller: visitor("10.1.1.1"), logger: testLogger)
        _ = await busError {
            try await fixture.applicants.verifyApplicant(wrong, caller: visitor("10.1.1.1"), logger: testLogger)
        }
        let perAddress = try #require(
            await busError {
                try await fixture.applicants.verifyApplicant(
                    with(Demo.ali) { $0.nationalCode = "0034567895" }, caller: visitor("10.1.1.1"), logger: testLogger)
            })
        #expect(perAddress.code == .tooManyRequests)
    }

    @Test("a tampered, forged or expired token is refused; logout revokes the session", arguments: StoreKind.allCases)
    func tokens(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await tokens(fixture) }
    }

    /// `tokens(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func tokens(_ fixture: AuthFixture) async throws {
        let challenge = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let code = await fixture.sender.message(number: 1).code
        let session = try await fixture.routes.citizens.verify(
            IdentityLoginVerifyRequest(challengeId: challenge.challengeId, code: code), caller: visitor(),
            logger: testLogger)
        let sessions = fixture.routes.sessions
        _ = try await sessions.resolve(session.token)
        // Another subject in the claims, with the old signature.
        let parts = session.token.split(separator: ".").map(String.init)
        let claims = try #require(SessionToken.data(base64URL: Substring(parts[1])))
        let forgedClaims = String(decoding: claims, as: UTF8.self).replacingOccurrences(
            of: "0012345679", with: "0023456787")
        let tampered = [parts[0], SessionToken.base64URL(Data(forgedClaims.utf8)), parts[2]].joined(separator: ".")
        #expect(await busError { try await sessions.resolve(tampered) }?.code == .unauthorized)
        // Signed with another key.
        let other = try await AuthFixture()
        defer { other.remove() }
        let foreign = SessionToken.sign(
            .init(
                sid: session.sessionId, kind: .citizen, sub: "0012345679",
                exp: Int64(session.expiresAt.timeIntervalSince1970)),
            key: other.key.sessions)
        #expect(await busError { try await sessions.resolve(foreign) }?.code == .unauthorized)
        #expect(await busError { try await sessions.resolve("v1.e30.AAAA") }?.code == .unauthorized)
        // Logout revokes.
        _ = try await sessions.revoke(session.token)
        #expect(await busError { try await sessions.resolve(session.token) }?.code == .unauthorized)
        // Expiry.
        fixture.clock.advance(61)
        let challenge2 = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let code2 = await fixture.sender.message(number: 2).code
        let second = try await fixture.routes.citizens.verify(
            IdentityLoginVerifyRequest(challengeId: challenge2.challengeId, code: code2), caller: visitor(),
            logger: testLogger)
        _ = try await sessions.resolve(second.token)
        fixture.clock.advance(fixture.policy.citizenSessionLifetime + 1)
        #expect(await busError { try await sessions.resolve(second.token) }?.code == .unauthorized)
    }

    @Test("challenges and sessions a day past their end are pruned", arguments: StoreKind.allCases)
    func pruning(kind: StoreKind) async throws {
        try await AuthFixture.with(kind) { fixture in try await pruning(fixture) }
    }

    /// `pruning(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking such bodies as closures).
    func pruning(_ fixture: AuthFixture) async throws {
        let old = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let code = await fixture.sender.message(number: 1).code
        let session = try await fixture.routes.citizens.verify(
            IdentityLoginVerifyRequest(challengeId: old.challengeId, code: code), caller: visitor(), logger: testLogger)
        fixture.clock.advance(fixture.policy.citizenSessionLifetime + 25 * 3600)
        let fresh = try await fixture.routes.citizens.start(Self.ali, caller: visitor(), logger: testLogger)
        let code2 = await fixture.sender.message(number: 2).code
        _ = try await fixture.routes.citizens.verify(
            IdentityLoginVerifyRequest(challengeId: fresh.challengeId, code: code2), caller: visitor(),
            logger: testLogger)
        #expect(try await fixture.store.challenge(id: old.challengeId) == nil)
        #expect(try await fixture.store.session(id: session.sessionId) == nil)
        #expect(try await fixture.store.challenge(id: fresh.challengeId) != nil)
    }
}
