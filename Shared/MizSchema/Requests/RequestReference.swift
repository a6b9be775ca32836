/// Names one request by its internal id: for `requests.detail`, `requests.claim` and
/// `requests.result`.
public struct RequestReference: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String

    /// Makes the reference.
    public init(requestId: String) {
        self.requestId = requestId
    }
}
