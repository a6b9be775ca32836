/// The request of `feedback.surveySubmit` and `feedback.surveyEdit`: the answers about a
/// request the caller proves to own.
///
/// Ownership is proven as for `requests.ownership`: with the process number and tracking code,
/// or, for a logged-in citizen, with the process number alone.
public struct SurveySubmitRequest: Codable, Sendable, Equatable {
    /// The request's process number (شماره فرآیند), in any digits.
    public var processNumber: String
    /// The request's tracking code (کد رهگیری); optional for a logged-in citizen.
    public var trackingCode: String?
    /// The answers.
    public var answers: SurveyAnswers

    /// Makes the request.
    public init(processNumber: String, trackingCode: String? = nil, answers: SurveyAnswers) {
        self.processNumber = processNumber
        self.trackingCode = trackingCode
        self.answers = answers
    }
}
