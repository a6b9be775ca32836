import Foundation
import MizSchema

/// A request's row as the store holds it.
package struct StoredRequest: Sendable, Equatable {
    package var id: String
    package var processNumber: String
    package var serviceCode: String
    package var serviceTitle: String
    package var profileVersion: Int
    /// The profile the request was made under, as JSON: fixes are judged by it.
    package var profile: ServiceProfile
    package var province: String
    package var applicant: RequestApplicant
    package var status: RequestStatus
    /// The staff id of the official reviewing it.
    package var assignee: String?
    package var submittedAt: Date
    package var dueAt: Date
    package var decidedAt: Date?
    package var rejectionReasons: String?

    /// Whether it waits on the province past its due date at `now`.
    package func isOverdue(at now: Date) -> Bool {
        [.submitted, .underReview, .fixed].contains(status) && dueAt < now
    }

    /// The list form.
    package func summary(now: Date) -> RequestSummary {
        RequestSummary(
            requestId: id, processNumber: processNumber, serviceCode: serviceCode, serviceTitle: serviceTitle,
            province: province, status: status, submittedAt: submittedAt, dueAt: dueAt, overdue: isOverdue(at: now),
            assignee: assignee)
    }
}
