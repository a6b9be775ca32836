import Foundation

/// One complaint as its owner and the staff of its province see it.
public struct Complaint: Codable, Sendable, Equatable {
    /// The complaint's own tracking number (کد پیگیری شکایت), e.g. "7K2P-9QXM-4ABD": random,
    /// so that it alone lets its holder follow the complaint.
    public var trackingNumber: String
    /// The request complained about.
    public var processNumber: String
    /// The request's service.
    public var serviceCode: String
    /// The province the complaint is assigned to: the request's.
    public var province: String
    /// The complaint, normalized.
    public var text: String
    /// The attached file, if any.
    public var attachment: ComplaintAttachment?
    /// Where it stands.
    public var status: ComplaintStatus
    /// The official's answer, once answered.
    public var answer: String?
    /// When it was registered.
    public var createdAt: Date
    /// When an official took it for review.
    public var reviewedAt: Date?
    /// When it was answered.
    public var answeredAt: Date?
    /// When it was closed.
    public var closedAt: Date?
    /// The date by which it should be answered (working days after registration).
    public var dueAt: Date
    /// True when it is still unanswered past `dueAt`: national administrators then see it in
    /// their escalated list.
    public var escalated: Bool

    /// Makes the complaint.
    public init(
        trackingNumber: String, processNumber: String, serviceCode: String, province: String, text: String,
        attachment: ComplaintAttachment?, status: ComplaintStatus, answer: String?, createdAt: Date,
        reviewedAt: Date?, answeredAt: Date?, closedAt: Date?, dueAt: Date, escalated: Bool
    ) {
        self.trackingNumber = trackingNumber
        self.processNumber = processNumber
        self.serviceCode = serviceCode
        self.province = province
        self.text = text
        self.attachment = attachment
        self.status = status
        self.answer = answer
        self.createdAt = createdAt
        self.reviewedAt = reviewedAt
        self.answeredAt = answeredAt
        self.closedAt = closedAt
        self.dueAt = dueAt
        self.escalated = escalated
    }
}
