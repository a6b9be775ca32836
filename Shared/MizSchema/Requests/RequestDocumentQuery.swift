/// The request of `requests.document`: one stored file of a request; its bytes come back as
/// the reply's first attachment frame.
public struct RequestDocumentQuery: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// The document's id, from `RequestDetail.documents`.
    public var documentId: String

    /// Makes the query.
    public init(requestId: String, documentId: String) {
        self.requestId = requestId
        self.documentId = documentId
    }
}
