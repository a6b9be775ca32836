/// What a provider said about one SMS.
package enum SMSDeliveryOutcome: Sendable, Equatable {
    /// Accepted, with the provider's id when it gave one.
    case delivered(providerMessageId: String?)
    /// Not accepted now, may be accepted later (timeouts, 5xx, 429, connection errors).
    case temporaryFailure(String)
    /// Refused for good (bad number, bad key, blocked): retrying will not help.
    case permanentFailure(String)
}
