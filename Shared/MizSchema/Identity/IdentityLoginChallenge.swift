import Foundation

/// The reply of `identity.loginStart`: the same shape and the same wording whether or not
/// the national code and mobile matched, so the answer never tells whether a national code
/// exists or whose mobile it is.
public struct IdentityLoginChallenge: Codable, Sendable, Equatable {
    /// The id the code is verified against (`identity.loginVerify`); random, 32 hex digits.
    public var challengeId: String
    /// Until when a code sent for this challenge is accepted.
    public var expiresAt: Date
    /// From when a new code may be asked for.
    public var resendAt: Date
    /// How many digits the code has.
    public var codeLength: Int
    /// What to tell the citizen, in Persian.
    public var message: String

    /// Makes the reply.
    public init(challengeId: String, expiresAt: Date, resendAt: Date, codeLength: Int, message: String) {
        self.challengeId = challengeId
        self.expiresAt = expiresAt
        self.resendAt = resendAt
        self.codeLength = codeLength
        self.message = message
    }
}
