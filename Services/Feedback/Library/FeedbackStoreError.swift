import MizSchema

/// What the feedback store refuses; the routes turn each into a Persian `BusError`.
package enum FeedbackStoreError: Error, Sendable, Equatable {
    /// The request already has a survey.
    case surveyExists
    /// No survey for that request.
    case surveyMissing
    /// The survey's edit window has closed.
    case editWindowClosed
    /// No complaint with that tracking number.
    case complaintMissing
    /// The request already has a complaint waiting for an answer.
    case openComplaintExists
    /// The complaint's status does not allow the move.
    case illegalTransition(from: ComplaintStatus)
    /// No message with that number.
    case messageMissing
    /// The client address sent too many messages; `challengeAllowed` says whether a solved
    /// challenge lets the next one through.
    case rateLimited(challengeAllowed: Bool)
    /// The challenge's token was already used for a message.
    case challengeSpent
    /// The same idempotency key came with another action.
    case idempotencyKeyReused
    /// A stored row could not be read.
    case unreadable(String)
}
