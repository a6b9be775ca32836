import Foundation
import MizSchema

/// A move of a complaint along its statuses (registered → under review → answered →
/// closed), ruled once here so that every store applies the same transitions.
package enum ComplaintChange: Sendable, Equatable {
    /// An official takes a registered complaint for review.
    case markUnderReview(at: Date)
    /// An official answers an open complaint.
    case answer(String, staffId: String, at: Date)
    /// An answered complaint is closed.
    case close(at: Date)

    /// `complaint` after the move, or nil when it already stands where the move leads (a
    /// repeated request, which changes nothing and queues nothing).
    ///
    /// - Throws: `FeedbackStoreError.illegalTransition` when its status forbids the move.
    package func applied(to complaint: ComplaintRecord) throws -> ComplaintRecord? {
        var moved = complaint
        switch (self, complaint.status) {
        case (.markUnderReview, .underReview), (.close, .closed):
            return nil
        case (.answer(let answer, _, _), .answered) where complaint.answer == answer:
            return nil
        case (.markUnderReview(let now), .registered):
            moved.status = .underReview
            moved.reviewedAt = now
        case (.answer(let answer, let staffId, let now), .registered),
            (.answer(let answer, let staffId, let now), .underReview):
            moved.status = .answered
            moved.answer = answer
            moved.answeredBy = staffId
            moved.answeredAt = now
            moved.reviewedAt = complaint.reviewedAt ?? now
        case (.close(let now), .answered):
            moved.status = .closed
            moved.closedAt = now
        case (.markUnderReview, _), (.answer, _), (.close, _):
            throw FeedbackStoreError.illegalTransition(from: complaint.status)
        }
        return moved
    }
}
