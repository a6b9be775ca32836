/// Why a message ended `failed`.
public enum DeliveryFailureReason: String, Codable, Sendable, CaseIterable {
    /// The recipient already had the maximum number of messages in the past hour.
    case rateLimited
    /// The provider refused the message for good (a bad number, a blocked sender).
    case providerRejected
    /// Every attempt failed temporarily and the retries ran out.
    case retriesExhausted
}
