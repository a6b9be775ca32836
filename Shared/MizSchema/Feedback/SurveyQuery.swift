/// The request of `feedback.survey`: the survey of a request the caller proves to own, so
/// its owner can read it back and edit it.
public struct SurveyQuery: Codable, Sendable, Equatable {
    /// The request's process number, in any digits.
    public var processNumber: String
    /// The request's tracking code; optional for a logged-in citizen.
    public var trackingCode: String?

    /// Makes the query.
    public init(processNumber: String, trackingCode: String? = nil) {
        self.processNumber = processNumber
        self.trackingCode = trackingCode
    }
}
