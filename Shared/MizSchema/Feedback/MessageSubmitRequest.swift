/// The request of `feedback.messageSubmit`: a message anyone may send, logged in or not.
///
/// Past the per-address rate the service answers `tooManyRequests` with a problem on the
/// field `challengeAnswer`; the sender then asks `feedback.messageChallenge` for a question and
/// sends again with its token and their answer.
public struct MessageSubmitRequest: Codable, Sendable, Equatable {
    /// What kind of message it is.
    public var kind: MessageKind
    /// The service it is about, if any (a catalog code).
    public var serviceCode: String?
    /// The province it is about, if any (a slug); without one it goes to the national
    /// administrators.
    public var province: String?
    /// A mobile number to contact the sender, in any accepted form.
    public var contactMobile: String?
    /// The message, 10 to 2000 characters; stored normalized.
    public var text: String
    /// The token of the challenge answered, when one was asked.
    public var challengeToken: String?
    /// The answer to the challenge, in any digits.
    public var challengeAnswer: String?

    /// Makes the request.
    public init(
        kind: MessageKind, serviceCode: String? = nil, province: String? = nil, contactMobile: String? = nil,
        text: String, challengeToken: String? = nil, challengeAnswer: String? = nil
    ) {
        self.kind = kind
        self.serviceCode = serviceCode
        self.province = province
        self.contactMobile = contactMobile
        self.text = text
        self.challengeToken = challengeToken
        self.challengeAnswer = challengeAnswer
    }
}
