/// The fixed questionnaire of a survey (نظرسنجی) about how one request was handled.
public struct SurveyAnswers: Codable, Sendable, Equatable {
    /// Overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied).
    public var satisfaction: Int
    /// Whether the request was handled on time.
    public var onTime: Bool
    /// Whether the official's explanation was clear.
    public var explanationClear: Bool
    /// An optional comment, at most 1000 characters; stored normalized.
    public var comment: String?

    /// Makes the answers.
    public init(satisfaction: Int, onTime: Bool, explanationClear: Bool, comment: String? = nil) {
        self.satisfaction = satisfaction
        self.onTime = onTime
        self.explanationClear = explanationClear
        self.comment = comment
    }
}
