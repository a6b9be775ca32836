import Foundation

/// The reply of `requests.track`: where a request stands, with no personal data, for anyone
/// holding its process number and tracking code.
public struct RequestTracking: Codable, Sendable, Equatable {
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
    /// The statuses it went through, oldest first.
    public var timeline: [RequestTimelineEntry]
    /// What happens next, in Persian.
    public var nextStep: String

    /// Makes the reply.
    public init(
        processNumber: String, serviceCode: String, serviceTitle: String, province: String, status: RequestStatus,
        submittedAt: Date, dueAt: Date, timeline: [RequestTimelineEntry], nextStep: String
    ) {
        self.processNumber = processNumber
        self.serviceCode = serviceCode
        self.serviceTitle = serviceTitle
        self.province = province
        self.status = status
        self.submittedAt = submittedAt
        self.dueAt = dueAt
        self.timeline = timeline
        self.nextStep = nextStep
    }
}
