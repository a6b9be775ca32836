import Foundation

/// One stored survey: the reply of `feedback.surveySubmit`, `feedback.surveyEdit` and
/// `feedback.survey`.
public struct Survey: Codable, Sendable, Equatable {
    /// The request's canonical process number, e.g. "1405-23-000123".
    public var processNumber: String
    /// The service the request was for.
    public var serviceCode: String
    /// The request's province slug.
    public var province: String
    /// The answers as stored (comment normalized).
    public var answers: SurveyAnswers
    /// When it was first submitted.
    public var submittedAt: Date
    /// When it was last changed.
    public var updatedAt: Date
    /// Until when its owner may still edit it.
    public var editableUntil: Date

    /// Makes the survey.
    public init(
        processNumber: String, serviceCode: String, province: String, answers: SurveyAnswers, submittedAt: Date,
        updatedAt: Date, editableUntil: Date
    ) {
        self.processNumber = processNumber
        self.serviceCode = serviceCode
        self.province = province
        self.answers = answers
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt
        self.editableUntil = editableUntil
    }
}
