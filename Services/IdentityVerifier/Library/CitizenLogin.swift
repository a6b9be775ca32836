import Crypto
import Foundation
import Logging
import Metrics
import MizPersian
import MizSchema

/// The citizen's SMS login (پنل کاربری): `identity.loginStart` and `identity.loginVerify`.
///
/// The start answers the same for a matching and a non-matching national code and mobile:
/// a challenge is stored either way (with the hash of a code nobody was sent when they do
/// not match), the same rate limits count, and the SMS is handed to the notifier in the
/// background, so neither the reply nor its timing tells whether the mobile belongs to the
/// national code.
package struct CitizenLogin: Sendable {
    /// Digits in a login code.
    package static let codeLength = 6

    let registry: any IdentityRegistry
    let store: any AuthStore
    let sender: any LoginCodeSender
    let sessions: SessionAuthority
    let key: SigningKey
    let policy: AuthPolicy
    let now: @Sendable () -> Date
    /// Makes the six digits; tests give a fixed generator.
    let makeCode: @Sendable () -> String

    package init(
        registry: any IdentityRegistry, store: any AuthStore, sender: any LoginCodeSender, sessions: SessionAuthority,
        key: SigningKey, policy: AuthPolicy, now: @escaping @Sendable () -> Date,
        makeCode: @escaping @Sendable () -> String = CitizenLogin.randomCode
    ) {
        self.registry = registry
        self.store = store
        self.sender = sender
        self.sessions = sessions
        self.key = key
        self.policy = policy
        self.now = now
        self.makeCode = makeCode
    }

    /// A uniformly random six-digit code from the system's secure generator.
    @Sendable package static func randomCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = UInt32.random(in: 0..<1_000_000, using: &generator)
        let text = String(value)
        return String(repeating: "0", count: codeLength - text.count) + text
    }

    /// `identity.loginStart`.
    package func start(_ request: IdentityLoginStartRequest, caller: Caller, logger: Logger) async throws
        -> IdentityLoginChallenge
    {
        var problems: [FieldError] = []
        var nationalCode: NationalCode?
        var mobile: MobileNumber?
        do { nationalCode = try NationalCode(validating: request.nationalCode) } catch {
            problems.append(FieldError(field: "nationalCode", message: error.persianMessage))
        }
        do { mobile = try MobileNumber(validating: request.mobile) } catch {
            problems.append(FieldError(field: "mobile", message: error.persianMessage))
        }
        guard problems.isEmpty, let nationalCode, let mobile else { throw BusError.invalidInput(problems) }
        var logger = logger
        logger[metadataKey: "miz.national_code"] = "\(nationalCode.masked)"
        let moment = now()
        if try await store.lockedUntil("citizen:\(nationalCode.digits)", now: moment) != nil {
            count("locked")
            throw BusError(.tooManyRequests, message: IdentityLoginMessages.locked)
        }
        if let latest = try await store.latestChallenge(nationalCode: nationalCode.digits), latest.resendAt > moment {
            count("resendTooSoon")
            throw BusError(.tooManyRequests, message: IdentityLoginMessages.resendTooSoon)
        }
        var buckets: [(bucket: String, limit: Int)] = [
            ("start:nc:\(nationalCode.digits)", policy.startsPerNationalCode),
            ("start:mobile:\(mobile.digits)", policy.startsPerMobile),
        ]
        if let address = caller.clientAddress { buckets.append(("start:ip:\(address)", policy.startsPerAddress)) }
        guard try await store.admit(buckets, window: policy.rateWindow, now: moment) else {
            count("rateLimited")
            throw BusError(.tooManyRequests, message: IdentityLoginMessages.tooManyStarts)
        }
        let owned: Bool
        do {
            owned = try await registry.mobile(mobile, belongsTo: nationalCode)
        } catch {
            logger.warning("mobile ownership unavailable", metadata: ["miz.error": "\(error)"])
            throw IdentityVerificationMessages.registryUnavailableError
        }
        let challengeId = SessionToken.randomId()
        let code = owned ? makeCode() : Self.randomCode()
        let challenge = LoginChallengeRecord(
            id: challengeId, nationalCode: nationalCode.digits,
            codeHash: codeHash(challengeId: challengeId, code: code),
            createdAt: moment, expiresAt: moment.addingTimeInterval(policy.codeLifetime),
            resendAt: moment.addingTimeInterval(policy.resendInterval), mobile: mobile.digits)
        try await store.insertChallenge(challenge)
        if owned {
            count("sent")
            let sender = self.sender
            let recipient = mobile.digits
            let taskLogger = logger
            Task {
                do {
                    try await sender.send(code: code, to: recipient, eventId: "identity:login:\(challengeId)")
                } catch {
                    taskLogger.error("login code not handed to the notifier", metadata: ["miz.error": "\(error)"])
                }
            }
        } else {
            count("notMatched")
            logger.notice("login start: mobile not registered to the national code; no code sent")
        }
        return IdentityLoginChallenge(
            challengeId: challengeId, expiresAt: challenge.expiresAt, resendAt: challenge.resendAt,
            codeLength: Self.codeLength, message: IdentityLoginMessages.codeSentIfMatched)
    }

    /// `identity.loginVerify`.
    package func verify(_ request: IdentityLoginVerifyRequest, caller: Caller, logger: Logger) async throws
        -> IdentitySession
    {
        let invalid = BusError(.unauthorized, message: IdentityLoginMessages.codeInvalid)
        let code = PersianDigits.latin(request.code).filter { !$0.isWhitespace }
        guard code.count == Self.codeLength, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
            throw BusError.invalidInput([FieldError(field: "code", message: "کد ورود شش رقم است.")])
        }
        let moment = now()
        if let address = caller.clientAddress {
            guard
                try await store.admit(
                    [("verify:ip:\(address)", policy.verificationsPerAddress)], window: policy.rateWindow, now: moment)
            else { throw BusError(.tooManyRequests, message: IdentityLoginMessages.tooManyAttempts) }
        }
        guard request.challengeId.count == 32, let challenge = try await store.challenge(id: request.challengeId)
        else { throw invalid }
        let subject = "citizen:\(challenge.nationalCode)"
        if try await store.lockedUntil(subject, now: moment) != nil {
            throw BusError(.tooManyRequests, message: IdentityLoginMessages.locked)
        }
        let matches = HMAC<SHA256>.isValidAuthenticationCode(
            challenge.codeHash, authenticating: Data("\(challenge.id):\(code)".utf8), using: key.loginCodes)
        guard challenge.usedAt == nil, challenge.expiresAt > moment, matches else {
            try await store.countWrongCode(challengeId: challenge.id)
            let locked = try await store.recordFailure(
                subject, threshold: policy.lockThreshold, lockDuration: policy.lockDuration, now: moment)
            count(locked == nil ? "wrongCode" : "lockedNow")
            if locked != nil { throw BusError(.tooManyRequests, message: IdentityLoginMessages.locked) }
            throw invalid
        }
        guard try await store.useChallenge(id: challenge.id, now: moment) else { throw invalid }
        try await store.clearFailures(subject)
        count("loggedIn")
        return try await sessions.openCitizen(nationalCode: challenge.nationalCode, mobile: challenge.mobile)
    }

    /// The stored form of a code: HMAC-SHA256 of "challenge:code" under the login-code key.
    func codeHash(challengeId: String, code: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(challengeId):\(code)".utf8), using: key.loginCodes))
    }

    private func count(_ outcome: String) {
        Counter(label: "miz_identity_citizen_logins_total", dimensions: [("outcome", outcome)]).increment()
    }
}
