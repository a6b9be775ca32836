import Foundation
import MizPersian
import MizSchema

extension FeedbackRoutes {
    /// `feedback.surveySubmit`: the survey of a decided or overdue request the caller owns.
    package func submitSurvey(_ request: SurveySubmitRequest, caller: Caller, idempotencyKey: String?) async throws
        -> Survey
    {
        try FeedbackAccess.requirePerson(caller)
        var problems: [FieldError] = []
        let answers = FeedbackInput.answers(request.answers, problems: &problems)
        let owned = try await ownedRequest(
            processNumber: request.processNumber, trackingCode: request.trackingCode, caller: caller,
            problems: problems)
        let moment = now()
        guard owned.status.isDecision || (owned.status != .withdrawn && moment >= owned.dueAt) else {
            throw BusError(
                .conflict,
                message: owned.status == .withdrawn
                    ? "برای درخواستی که از آن انصراف داده شده نظرسنجی ثبت نمی‌شود."
                    : "نظرسنجی پس از اعلام نتیجه درخواست یا پس از پایان مهلت رسیدگی به آن ممکن است.")
        }
        let record = SurveyRecord(
            requestId: owned.requestId, processNumber: owned.processNumber, serviceCode: owned.serviceCode,
            province: owned.province, ownerNationalCode: owned.applicantNationalCode, answers: answers,
            submittedAt: moment, updatedAt: moment)
        do {
            return try await store.insertSurvey(record, idempotencyKey: idempotencyKey)
                .survey(editWindow: policy.surveyEditWindow)
        } catch FeedbackStoreError.surveyExists {
            throw BusError(
                .conflict,
                message: "برای این درخواست پیش از این نظرسنجی ثبت شده است؛ می‌توانید همان را ویرایش کنید.")
        } catch FeedbackStoreError.idempotencyKeyReused {
            throw Self.idempotencyKeyReused
        }
    }

    /// `feedback.surveyEdit`: new answers for the caller's survey, within its edit window.
    package func editSurvey(_ request: SurveySubmitRequest, caller: Caller) async throws -> Survey {
        try FeedbackAccess.requirePerson(caller)
        var problems: [FieldError] = []
        let answers = FeedbackInput.answers(request.answers, problems: &problems)
        let owned = try await ownedRequest(
            processNumber: request.processNumber, trackingCode: request.trackingCode, caller: caller,
            problems: problems)
        let moment = now()
        do {
            return try await store.updateSurvey(
                requestId: owned.requestId, answers: answers, now: moment,
                submittedSince: moment.addingTimeInterval(-policy.surveyEditWindow)
            ).survey(editWindow: policy.surveyEditWindow)
        } catch FeedbackStoreError.surveyMissing {
            throw BusError(.notFound, message: "برای این درخواست نظرسنجی ثبت نشده است.")
        } catch FeedbackStoreError.editWindowClosed {
            let days = PersianDigits.display(Int((policy.surveyEditWindow / 86_400).rounded()))
            throw BusError(.conflict, message: "مهلت \(days) روزه ویرایش این نظرسنجی گذشته است.")
        }
    }

    /// `feedback.survey`: the caller's survey of a request they own.
    package func survey(_ request: SurveyQuery, caller: Caller) async throws -> Survey {
        try FeedbackAccess.requirePerson(caller)
        let owned = try await ownedRequest(
            processNumber: request.processNumber, trackingCode: request.trackingCode, caller: caller, problems: [])
        guard let record = try await store.survey(requestId: owned.requestId) else {
            throw BusError(.notFound, message: "برای این درخواست نظرسنجی ثبت نشده است.")
        }
        return record.survey(editWindow: policy.surveyEditWindow)
    }

    /// The error for an idempotency key that came with another action.
    static var idempotencyKeyReused: BusError {
        BusError(.conflict, message: "این کلید تکرارناپذیری پیش از این برای کار دیگری به کار رفته است.")
    }
}
