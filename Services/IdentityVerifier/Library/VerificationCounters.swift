import Metrics

/// The `miz_identity_verifications_total` counter, one per outcome, made once with the routes
/// rather than looked up in the metrics factory on every call.
struct VerificationCounters: Sendable {
    /// Every check passed.
    let verified = outcome("verified")
    /// A registry mismatch or a mobile not owned.
    let mismatch = outcome("mismatch")
    /// A malformed field, refused before any registry was asked.
    let invalidFormat = outcome("invalidFormat")
    /// The registry could not answer.
    let unavailable = outcome("unavailable")
    /// Too many checks from one address or for one national code.
    let rateLimited = outcome("rateLimited")

    private static func outcome(_ outcome: String) -> Counter {
        Counter(label: "miz_identity_verifications_total", dimensions: [("outcome", outcome)])
    }
}
