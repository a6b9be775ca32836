import Foundation
import MizSchema

/// One stored complaint with what only the service keeps: the request's id, its owner and the
/// mobile the answer's SMS goes to.
package struct ComplaintRecord: Sendable, Equatable {
    package var trackingNumber: String
    package var requestId: String
    package var processNumber: String
    package var serviceCode: String
    package var province: String
    package var ownerNationalCode: String
    /// The applicant's mobile, from the requests service at registration.
    package var applicantMobile: String
    package var text: String
    package var attachment: ComplaintAttachment?
    package var status: ComplaintStatus
    package var answer: String?
    /// The staff account that answered.
    package var answeredBy: String?
    package var createdAt: Date
    package var reviewedAt: Date?
    package var answeredAt: Date?
    package var closedAt: Date?
    package var dueAt: Date

    /// Makes a record.
    package init(
        trackingNumber: String, requestId: String, processNumber: String, serviceCode: String, province: String,
        ownerNationalCode: String, applicantMobile: String, text: String, attachment: ComplaintAttachment?,
        status: ComplaintStatus = .registered, answer: String? = nil, answeredBy: String? = nil, createdAt: Date,
        reviewedAt: Date? = nil, answeredAt: Date? = nil, closedAt: Date? = nil, dueAt: Date
    ) {
        self.trackingNumber = trackingNumber
        self.requestId = requestId
        self.processNumber = processNumber
        self.serviceCode = serviceCode
        self.province = province
        self.ownerNationalCode = ownerNationalCode
        self.applicantMobile = applicantMobile
        self.text = text
        self.attachment = attachment
        self.status = status
        self.answer = answer
        self.answeredBy = answeredBy
        self.createdAt = createdAt
        self.reviewedAt = reviewedAt
        self.answeredAt = answeredAt
        self.closedAt = closedAt
        self.dueAt = dueAt
    }

    /// Whether it is unanswered past its due date at `now`.
    package func isEscalated(at now: Date) -> Bool { status.isOpen && now >= dueAt }

    /// The wire form at `now`.
    package func complaint(at now: Date) -> Complaint {
        Complaint(
            trackingNumber: trackingNumber, processNumber: processNumber, serviceCode: serviceCode, province: province,
            text: text, attachment: attachment, status: status, answer: answer, createdAt: createdAt,
            reviewedAt: reviewedAt, answeredAt: answeredAt, closedAt: closedAt, dueAt: dueAt,
            escalated: isEscalated(at: now))
    }
}
