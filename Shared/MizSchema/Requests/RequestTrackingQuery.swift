/// The request of `requests.track`: a process number and its tracking code, as typed.
public struct RequestTrackingQuery: Codable, Sendable, Equatable {
    /// The process number in any digits, such as «۱۴۰۵-۲۳-۰۰۰۱۲۳».
    public var processNumber: String
    /// The tracking code; case, spaces and dashes do not matter, nor look-alike letters.
    public var trackingCode: String

    /// Makes the query.
    public init(processNumber: String, trackingCode: String) {
        self.processNumber = processNumber
        self.trackingCode = trackingCode
    }
}
