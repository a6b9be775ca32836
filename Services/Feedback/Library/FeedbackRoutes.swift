import Foundation
import Logging
import Metrics
import MizBus
import MizRuntime
import MizSchema

/// The feedback service's route handlers: each takes the request and the caller and returns
/// the reply or throws a `BusError`, so they run the same on the bus and in tests.
package struct FeedbackRoutes: Sendable {
    package let store: any FeedbackStore
    /// Proves ownership of requests through the requests service.
    package let ownership: any RequestOwnershipLookup
    package let policy: FeedbackPolicy
    package let challenger: MessageChallenger
    /// Raised after a notification is queued, to wake the relay.
    package let signal: WakeSignal
    let now: @Sendable () -> Date

    /// Handlers over `store`; `now` is the clock every rule reads.
    package init(
        store: any FeedbackStore, ownership: any RequestOwnershipLookup, policy: FeedbackPolicy = FeedbackPolicy(),
        challenger: MessageChallenger, signal: WakeSignal, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.ownership = ownership
        self.policy = policy
        self.challenger = challenger
        self.signal = signal
        self.now = now
    }

    /// Serves every feedback route on `worker`.
    package func register(on worker: BusWorker) {
        worker.register(Routes.Feedback.surveySubmit) { request, context in
            let survey = try await submitSurvey(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
            Self.count("survey")
            return survey
        }
        worker.register(Routes.Feedback.surveyEdit) { request, context in
            try await editSurvey(request, caller: context.caller)
        }
        worker.register(Routes.Feedback.survey) { request, context in try await survey(request, caller: context.caller)
        }
        worker.register(Routes.Feedback.complaintSubmit) { request, context in
            let complaint = try await submitComplaint(
                request, attachments: context.attachments, caller: context.caller,
                idempotencyKey: context.envelope.idempotencyKey)
            context.logger.notice(
                "complaint registered",
                metadata: [
                    "miz.feedback.complaint": "\(TrackingNumber.masked(complaint.trackingNumber))",
                    "miz.feedback.province": "\(complaint.province)",
                ])
            Self.count("complaint")
            return complaint
        }
        worker.register(Routes.Feedback.complaint) { request, context in
            try await complaint(request, caller: context.caller)
        }
        worker.registerWithAttachments(Routes.Feedback.complaintAttachment) { request, context in
            let (description, bytes) = try await complaintAttachment(request, caller: context.caller)
            return AttachedReply(description, attachments: [bytes])
        }
        worker.register(Routes.Feedback.complaints) { request, context in
            try await complaints(request, caller: context.caller)
        }
        worker.register(Routes.Feedback.complaintReview) { request, context in
            try await reviewComplaint(request, caller: context.caller)
        }
        worker.register(Routes.Feedback.complaintAnswer) { request, context in
            let complaint = try await answerComplaint(request, caller: context.caller)
            context.logger.notice(
                "complaint answered",
                metadata: [
                    "miz.feedback.complaint": "\(TrackingNumber.masked(complaint.trackingNumber))",
                    "miz.staff_id": "\(context.caller.staffId ?? "")",
                ])
            return complaint
        }
        worker.register(Routes.Feedback.complaintClose) { request, context in
            try await closeComplaint(request, caller: context.caller)
        }
        worker.register(Routes.Feedback.messageSubmit) { request, context in
            do {
                let message = try await submitMessage(
                    request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
                Self.count("message")
                return message
            } catch let error as BusError where error.code == .tooManyRequests {
                Counter(label: "miz_feedback_messages_limited_total").increment()
                throw error
            }
        }
        worker.register(Routes.Feedback.messageChallenge) { _, context in messageChallenge(caller: context.caller) }
        worker.register(Routes.Feedback.messages) { request, context in
            try await messages(request, caller: context.caller)
        }
        worker.register(Routes.Feedback.messageClose) { request, context in
            try await closeMessage(request, caller: context.caller)
        }
        worker.register(Routes.Feedback.statistics) { request, context in
            try await statistics(request, caller: context.caller)
        }
    }

    /// Counts one stored survey, complaint or message, for the operator's dashboards.
    private static func count(_ kind: String) {
        Counter(label: "miz_feedback_submissions_total", dimensions: [("kind", kind)]).increment()
    }

    /// The request named by a process number and tracking code, if `caller` owns it.
    ///
    /// Without a tracking code only a logged-in citizen may ask, and the request must be
    /// theirs: checked here again, not only by the requests service.
    func ownedRequest(processNumber: String, trackingCode: String?, caller: Caller, problems: [FieldError])
        async throws -> RequestOwnership
    {
        var problems = problems
        let number = processNumber.trimmingCharacters(in: .whitespacesAndNewlines)
        let code = trackingCode?.trimmingCharacters(in: .whitespacesAndNewlines)
        if number.isEmpty {
            problems.insert(FieldError(field: "processNumber", message: "شماره فرآیند را وارد کنید"), at: 0)
        }
        if code?.isEmpty ?? true, caller.kind != .citizen {
            problems.append(FieldError(field: "trackingCode", message: "کد رهگیری را وارد کنید"))
        }
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        let owned: RequestOwnership
        do {
            owned = try await ownership.ownership(
                RequestOwnershipQuery(processNumber: number, trackingCode: code?.isEmpty == false ? code : nil),
                caller: caller)
        } catch let error as BusError where error.code == .notFound {
            throw BusError(.notFound, message: "درخواستی با این شماره فرآیند و کد رهگیری یافت نشد.")
        } catch let error as BusError {
            throw error
        } catch {
            throw BusError(.unavailable)
        }
        if code?.isEmpty ?? true, owned.applicantNationalCode != caller.nationalCode {
            throw BusError(.notFound, message: "درخواستی با این شماره فرآیند و کد رهگیری یافت نشد.")
        }
        return owned
    }
}
