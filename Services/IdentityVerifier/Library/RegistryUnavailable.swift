/// Why a registry could not answer: down, too slow, a malformed reply, or its circuit breaker
/// open. Never a statement about the applicant's data.
package struct RegistryUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for the log (no national codes or mobile numbers in it).
    package var reason: String

    /// Makes the error.
    package init(_ reason: String) {
        self.reason = reason
    }

    package var description: String { "registry unavailable: \(reason)" }
}
