/// The request of `requests.approve`: approval with the result document in attachment frame 0.
public struct ApprovalSubmission: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// The result file's name, such as «پروانه.pdf».
    public var resultFileName: String
    /// A note for the record, if any.
    public var note: String?

    /// Makes the submission.
    public init(requestId: String, resultFileName: String, note: String? = nil) {
        self.requestId = requestId
        self.resultFileName = resultFileName
        self.note = note
    }
}
