/// The request of `feedback.complaintAnswer`: an official's answer to a complaint.
public struct ComplaintAnswerRequest: Codable, Sendable, Equatable {
    /// The complaint's tracking number.
    public var trackingNumber: String
    /// The answer shown to the citizen, 10 to 2000 characters.
    public var answer: String

    /// Makes the request.
    public init(trackingNumber: String, answer: String) {
        self.trackingNumber = trackingNumber
        self.answer = answer
    }
}
