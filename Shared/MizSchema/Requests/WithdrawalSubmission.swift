/// The request of `requests.withdraw`: the citizen withdraws before a decision.
public struct WithdrawalSubmission: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// Why, if the citizen says.
    public var reason: String?

    /// Makes the submission.
    public init(requestId: String, reason: String? = nil) {
        self.requestId = requestId
        self.reason = reason
    }
}
