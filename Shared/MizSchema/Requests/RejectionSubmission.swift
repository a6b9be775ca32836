/// The request of `requests.reject`: rejection with reasons the citizen reads.
public struct RejectionSubmission: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// Why, in Persian; 10…2000 characters.
    public var reasons: String

    /// Makes the submission.
    public init(requestId: String, reasons: String) {
        self.requestId = requestId
        self.reasons = reasons
    }
}
