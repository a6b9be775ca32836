import Foundation
import MizSchema

/// One stored survey with what the service keeps besides its wire form: the request's id and
/// its owner.
package struct SurveyRecord: Sendable, Equatable {
    /// The request's id in the requests service; one survey per request.
    package var requestId: String
    package var processNumber: String
    package var serviceCode: String
    package var province: String
    /// The applicant's national code, so a logged-in citizen finds their own surveys.
    package var ownerNationalCode: String
    package var answers: SurveyAnswers
    package var submittedAt: Date
    package var updatedAt: Date

    /// Makes a record.
    package init(
        requestId: String, processNumber: String, serviceCode: String, province: String, ownerNationalCode: String,
        answers: SurveyAnswers, submittedAt: Date, updatedAt: Date
    ) {
        self.requestId = requestId
        self.processNumber = processNumber
        self.serviceCode = serviceCode
        self.province = province
        self.ownerNationalCode = ownerNationalCode
        self.answers = answers
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt
    }

    /// The wire form, editable for `editWindow` after submission.
    package func survey(editWindow: TimeInterval) -> Survey {
        Survey(
            processNumber: processNumber, serviceCode: serviceCode, province: province, answers: answers,
            submittedAt: submittedAt, updatedAt: updatedAt, editableUntil: submittedAt.addingTimeInterval(editWindow))
    }
}
