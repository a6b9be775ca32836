import Foundation

/// One request in a list: the citizen's panel or an official's inbox.
public struct RequestSummary: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// The process number in Latin digits.
    public var processNumber: String
    /// The service's code.
    public var serviceCode: String
    /// The service's title when the request was made.
    public var serviceTitle: String
    /// The province's slug.
    public var province: String
    /// The current status.
    public var status: RequestStatus
    /// When it was submitted.
    public var submittedAt: Date
    /// When the province should decide.
    public var dueAt: Date
    /// True when it waits on the province past its due date.
    public var overdue: Bool
    /// The staff id of the official who claimed it, if any.
    public var assignee: String?

    /// Makes a summary.
    public init(
        requestId: String, processNumber: String, serviceCode: String, serviceTitle: String, province: String,
        status: RequestStatus, submittedAt: Date, dueAt: Date, overdue: Bool, assignee: String?
    ) {
        self.requestId = requestId
        self.processNumber = processNumber
        self.serviceCode = serviceCode
        self.serviceTitle = serviceTitle
        self.province = province
        self.status = status
        self.submittedAt = submittedAt
        self.dueAt = dueAt
        self.overdue = overdue
        self.assignee = assignee
    }
}
