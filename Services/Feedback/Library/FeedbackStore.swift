import Foundation
import MizSchema

/// Where the feedback service keeps surveys, complaints (with attachments), messages and the
/// outbox of notifications.
///
/// Every write is one transaction: a complaint with its attachment, an answer with its
/// outbox entry, a message with the count that limits its sender and the challenge it spends.
/// Writes that carry an idempotency key return the first result when repeated.
package protocol FeedbackStore: Sendable {
    /// Stores a new survey.
    ///
    /// - Throws: `surveyExists` when the request has one (unless it was stored with the same
    ///   `idempotencyKey`, which returns it), `idempotencyKeyReused`.
    func insertSurvey(_ survey: SurveyRecord, idempotencyKey: String?) async throws -> SurveyRecord

    /// The survey of a request, if any.
    func survey(requestId: String) async throws -> SurveyRecord?

    /// Replaces a survey's answers if it was submitted at or after `submittedSince`.
    ///
    /// - Throws: `surveyMissing`, `editWindowClosed`.
    func updateSurvey(requestId: String, answers: SurveyAnswers, now: Date, submittedSince: Date) async throws
        -> SurveyRecord

    /// Stores a new complaint and its attachment's bytes.
    ///
    /// - Throws: `openComplaintExists` when the request has an unanswered complaint (unless
    ///   the same `idempotencyKey` stored it, which returns it), `idempotencyKeyReused`.
    func insertComplaint(_ complaint: ComplaintRecord, attachment: Data?, idempotencyKey: String?) async throws
        -> ComplaintRecord

    /// The complaint with that tracking number, if any.
    func complaint(trackingNumber: String) async throws -> ComplaintRecord?

    /// The bytes of a complaint's attachment, if it has one.
    func attachment(trackingNumber: String) async throws -> Data?

    /// A page of the complaints that pass `filter`: open ones first, oldest due first.
    func complaints(_ filter: ComplaintFilter, offset: Int, limit: Int) async throws -> (
        items: [ComplaintRecord], total: Int
    )

    /// Takes a registered complaint for review; repeating it is harmless.
    ///
    /// - Throws: `complaintMissing`, `illegalTransition` from answered or closed.
    func markUnderReview(trackingNumber: String, now: Date) async throws -> ComplaintRecord

    /// Answers an open complaint and queues `notification` in the outbox, in one transaction;
    /// repeating the same answer is harmless and queues nothing more.
    ///
    /// - Throws: `complaintMissing`, `illegalTransition` when it was answered otherwise or is
    ///   closed.
    func answer(
        trackingNumber: String, answer: String, staffId: String, now: Date, notification: NotifierSendRequest
    ) async throws -> ComplaintRecord

    /// Closes an answered complaint; repeating it is harmless.
    ///
    /// - Throws: `complaintMissing`, `illegalTransition` from an open complaint.
    func close(trackingNumber: String, now: Date) async throws -> ComplaintRecord

    /// Stores a message unless its sender (`clientKey`) has sent `limit` or more since
    /// `windowStart`; over the limit, a challenge `spending` lets it through up to `hardLimit`.
    ///
    /// - Throws: `rateLimited`, `challengeSpent`, `idempotencyKeyReused`.
    func insertMessage(
        _ message: FeedbackMessage, clientKey: String, windowStart: Date, limit: Int, hardLimit: Int,
        spending challenge: (nonce: String, expiresAt: Date)?, idempotencyKey: String?
    ) async throws -> FeedbackMessage

    /// Wrong challenge answers from `clientKey` since `since`.
    func challengeFailures(clientKey: String, since: Date) async throws -> Int

    /// Records a wrong challenge answer from `clientKey`, forgetting those before `forgetBefore`.
    func recordChallengeFailure(clientKey: String, at: Date, forgetBefore: Date) async throws

    /// The message with that number, if any.
    func message(number: String) async throws -> FeedbackMessage?

    /// A page of the messages that pass `filter`, newest first.
    func messages(_ filter: MessageFilter, offset: Int, limit: Int) async throws -> (
        items: [FeedbackMessage], total: Int
    )

    /// Closes a message; repeating it is harmless.
    ///
    /// - Throws: `messageMissing`.
    func closeMessage(number: String, now: Date) async throws -> FeedbackMessage

    /// The facts behind the statistics of `provinces` (nil: all) and, if given, one service
    /// and province.
    func statisticsSample(provinces: Set<String>?, serviceCode: String?, province: String?) async throws
        -> StatisticsSample

    /// Leases up to `limit` outbox entries due at `now` to this relay for `lease` seconds.
    func claimOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEntry]

    /// Records that the notifier accepted an entry.
    func outboxDelivered(id: Int64, now: Date) async throws

    /// Puts an entry back for another attempt at `retryAt`, or gives it up when `retryAt` is
    /// nil, noting `error`.
    func outboxFailed(id: Int64, error: String, retryAt: Date?) async throws

    /// When the relay should look again: the earliest due entry or lease end; nil when idle.
    func nextOutboxWake() async throws -> Date?

    /// Whether the store answers, for `/ready`.
    func isReady() async -> Bool
}
