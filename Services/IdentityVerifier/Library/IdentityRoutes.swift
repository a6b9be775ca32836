import Foundation
import Logging
import Metrics
import MizBus
import MizPersian
import MizSchema

/// The identity service's route handlers: each takes the request and returns the reply or
/// throws a `BusError`, so they run the same on the bus and in tests.
package struct IdentityRoutes: Sendable {
    /// The registry back end the applicant is checked against.
    package let registry: any IdentityRegistry
    /// Where verification attempts are counted, and the limits; nil counts nothing.
    private let limits: (store: any AuthStore, policy: AuthPolicy)?
    private let now: @Sendable () -> Date
    private let counters = VerificationCounters()

    /// Handlers over `registry`; `now` gives today's date for the birth-date check; with
    /// `limits`, checks per client address and per national code are rate limited.
    package init(
        registry: any IdentityRegistry, limits: (store: any AuthStore, policy: AuthPolicy)? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.registry = registry
        self.limits = limits
        self.now = now
    }

    /// Serves every identity route of applicant checks on `worker`.
    package func register(on worker: BusWorker) {
        worker.register(Routes.Identity.verifyApplicant) { request, context in
            try await verifyApplicant(request, caller: context.caller, logger: context.logger)
        }
    }

    /// `identity.verifyApplicant` for a caller: counts the attempt against the caller's
    /// client address and the national code (when the caller came through the gateway, which
    /// sets the address), then verifies.
    ///
    /// Why only then: services of the desk call it for requests a citizen already made; the
    /// limit is on what a person can try from outside.
    package func verifyApplicant(_ request: IdentityVerifyRequest, caller: Caller, logger: Logger) async throws
        -> IdentityVerification
    {
        if let limits, let address = caller.clientAddress {
            var buckets: [(bucket: String, limit: Int)] = [
                ("applicant:ip:\(address)", limits.policy.applicantChecksPerAddress)
            ]
            if let code = try? NationalCode(validating: request.nationalCode) {
                buckets.append(("applicant:nc:\(code.digits)", limits.policy.applicantChecksPerNationalCode))
            }
            guard try await limits.store.admit(buckets, window: limits.policy.rateWindow, now: now()) else {
                counters.rateLimited.increment()
                throw BusError(.tooManyRequests, message: IdentityLoginMessages.tooManyAttempts)
            }
        }
        return try await verifyApplicant(request, logger: logger)
    }

    /// `identity.verifyApplicant`: format checks, then the civil registry, then mobile
    /// ownership (`IdentityRegistry.verdict(on:)`).
    ///
    /// A mismatch in either registry throws the one `applicantInvalidError`, so the caller
    /// cannot tell which check failed; a registry that cannot answer throws
    /// `registryUnavailableError`. The log says which (with masked identifiers only, made
    /// only when a line is written).
    package func verifyApplicant(_ request: IdentityVerifyRequest, logger: Logger) async throws
        -> IdentityVerification
    {
        let applicant: ValidatedApplicant
        do {
            applicant = try ApplicantValidation.validate(request, today: JalaliDate(gregorian: now()))
        } catch {
            counters.invalidFormat.increment()
            throw error
        }
        let verdict: RegistryVerdict
        do {
            verdict = try await registry.verdict(on: applicant)
        } catch {
            counters.unavailable.increment()
            logger.warning(
                "registry unavailable", metadata: Self.metadata(of: applicant, ["miz.error": "\(error)"]))
            throw IdentityVerificationMessages.registryUnavailableError
        }
        if let reason = verdict.mismatchReason {
            counters.mismatch.increment()
            logger.notice(
                "applicant not verified",
                metadata: Self.metadata(of: applicant, ["miz.identity.reason": "\(reason)"]))
            throw IdentityVerificationMessages.applicantInvalidError
        }
        counters.verified.increment()
        logger.debug("applicant verified", metadata: Self.metadata(of: applicant))
        return IdentityVerification(
            nationalCode: applicant.nationalCode.digits, birthDate: applicant.birthDate.description,
            firstName: applicant.firstName, lastName: applicant.lastName, mobile: applicant.mobile.digits,
            verifiedAt: now())
    }

    /// The applicant's masked national code and mobile added to `metadata`, for a log line.
    private static func metadata(of applicant: ValidatedApplicant, _ metadata: Logger.Metadata = [:])
        -> Logger.Metadata
    {
        var metadata = metadata
        metadata["miz.national_code"] = "\(applicant.nationalCode.masked)"
        metadata["miz.mobile"] = "\(applicant.mobile.masked)"
        return metadata
    }
}
