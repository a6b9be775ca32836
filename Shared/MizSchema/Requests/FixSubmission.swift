/// The request of `requests.submitFix`: the citizen's corrections, only of what was asked.
public struct FixSubmission: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// New answers for exactly the fields named in the fix request.
    public var fields: [String: String]
    /// New files for exactly the documents named, each naming its attachment frame.
    public var documents: [DocumentUpload]

    /// Makes the submission.
    public init(requestId: String, fields: [String: String], documents: [DocumentUpload]) {
        self.requestId = requestId
        self.fields = fields
        self.documents = documents
    }
}
