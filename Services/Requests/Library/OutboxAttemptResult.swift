import Foundation

/// How one attempt to hand an outbox event to the notifier ended.
package enum OutboxAttemptResult: Sendable {
    /// The notifier acknowledged it; its parameters (the tracking code) are then erased.
    case acknowledged
    /// The notifier could not take it now; try again at the date.
    case retry(at: Date, error: String)
    /// The notifier refused it for good.
    case failed(error: String)
}
