/// The request of `requests.askForFix`: the official names what the citizen must correct.
public struct FixRequestSubmission: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// Form attribute codes to correct.
    public var fields: [String]
    /// Required document keys to upload again.
    public var documents: [String]
    /// What is wrong, for the citizen.
    public var message: String

    /// Makes the submission; at least one field or document must be named.
    public init(requestId: String, fields: [String], documents: [String], message: String) {
        self.requestId = requestId
        self.fields = fields
        self.documents = documents
        self.message = message
    }
}
