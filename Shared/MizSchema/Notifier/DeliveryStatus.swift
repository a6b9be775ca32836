/// Where a message is in its delivery: queued → sending → delivered, or failed with a reason.
/// A temporary failure puts the message back to `queued` with a later attempt time.
public enum DeliveryStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for its (next) attempt.
    case queued
    /// Handed to the provider; the answer has not come yet.
    case sending
    /// The provider accepted the message.
    case delivered
    /// Given up; `failureReason` says why.
    case failed
}
