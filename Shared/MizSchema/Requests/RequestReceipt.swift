import Foundation

/// The reply of `requests.submit`: the numbers the citizen keeps.
///
/// The tracking code appears here (and in the SMS) and nowhere else: the service keeps only
/// its hash. A repeated submit with the same idempotency key returns this same receipt.
public struct RequestReceipt: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// The process number in Latin digits, such as "1405-23-000123".
    public var processNumber: String
    /// The tracking code in its typed form, such as "K7P2-9QXM-4HNC-T8VB".
    public var trackingCode: String
    /// Where the request stands (`submitted`).
    public var status: RequestStatus
    /// When it was stored.
    public var submittedAt: Date
    /// When the province should decide, counted in working days.
    public var dueAt: Date

    /// Makes the receipt.
    public init(
        requestId: String, processNumber: String, trackingCode: String, status: RequestStatus, submittedAt: Date,
        dueAt: Date
    ) {
        self.requestId = requestId
        self.processNumber = processNumber
        self.trackingCode = trackingCode
        self.status = status
        self.submittedAt = submittedAt
        self.dueAt = dueAt
    }
}
