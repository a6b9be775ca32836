/// The request of `feedback.complaint`, `feedback.complaintAttachment`,
/// `feedback.complaintReview` and `feedback.complaintClose`: one complaint by its tracking
/// number.
public struct ComplaintQuery: Codable, Sendable, Equatable {
    /// The complaint's tracking number, in any digits, with or without dashes.
    public var trackingNumber: String

    /// Makes the query.
    public init(trackingNumber: String) {
        self.trackingNumber = trackingNumber
    }
}
