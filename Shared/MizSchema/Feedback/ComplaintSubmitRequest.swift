/// The request of `feedback.complaintSubmit`: a complaint about the handling of a request
/// the caller proves to own.
///
/// An optional attachment (PDF, JPEG or PNG, recognized by its bytes) travels as the first
/// attachment frame of the message, never inside the JSON.
public struct ComplaintSubmitRequest: Codable, Sendable, Equatable {
    /// The request's process number, in any digits.
    public var processNumber: String
    /// The request's tracking code; optional for a logged-in citizen.
    public var trackingCode: String?
    /// What went wrong, 10 to 2000 characters; stored normalized.
    public var text: String

    /// Makes the request.
    public init(processNumber: String, trackingCode: String? = nil, text: String) {
        self.processNumber = processNumber
        self.trackingCode = trackingCode
        self.text = text
    }
}
