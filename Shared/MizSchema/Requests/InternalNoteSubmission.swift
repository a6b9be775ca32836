/// The request of `requests.note`: a staff note on a request.
public struct InternalNoteSubmission: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// The note, 1…2000 characters.
    public var text: String

    /// Makes the submission.
    public init(requestId: String, text: String) {
        self.requestId = requestId
        self.text = text
    }
}
