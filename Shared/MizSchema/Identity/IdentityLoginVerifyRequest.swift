/// The request of `identity.loginVerify`: the code the citizen received by SMS.
public struct IdentityLoginVerifyRequest: Codable, Sendable, Equatable {
    /// The challenge id of `identity.loginStart`'s reply.
    public var challengeId: String
    /// The six-digit code as typed, in any digits.
    public var code: String

    /// Makes the request.
    public init(challengeId: String, code: String) {
        self.challengeId = challengeId
        self.code = code
    }
}
