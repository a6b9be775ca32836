import Foundation

/// The numbers of login and session security, in one place so tests can shrink them.
package struct AuthPolicy: Sendable {
    /// How long a login code is accepted.
    package var codeLifetime: TimeInterval = 120
    /// How long before a new code may be asked for the same national code.
    package var resendInterval: TimeInterval = 60
    /// Wrong codes (or passwords) that lock a national code (or user name).
    package var lockThreshold = 5
    /// How long a lock lasts.
    package var lockDuration: TimeInterval = 15 * 60
    /// The window of the rate limits.
    package var rateWindow: TimeInterval = 10 * 60
    /// Login starts per national code per window.
    package var startsPerNationalCode = 5
    /// Login starts per mobile per window.
    package var startsPerMobile = 5
    /// Login starts per client address per window.
    package var startsPerAddress = 30
    /// Code verifications per client address per window.
    package var verificationsPerAddress = 60
    /// Staff logins per client address per window.
    package var staffLoginsPerAddress = 30
    /// Applicant verifications per client address per window.
    package var applicantChecksPerAddress = 60
    /// Applicant verifications per national code per window.
    package var applicantChecksPerNationalCode = 20
    /// How long a citizen's session lasts.
    package var citizenSessionLifetime: TimeInterval = 2 * 3600
    /// How long a staff session lasts.
    package var staffSessionLifetime: TimeInterval = 8 * 3600

    package init() {}
}
