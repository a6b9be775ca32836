import Foundation
import MizSchema

/// How one delivery attempt ended, as the relay records it.
package enum AttemptResult: Sendable, Equatable {
    /// The provider accepted the message (with its id, when it gave one).
    case delivered(providerMessageId: String?)
    /// A temporary failure: try again at the given time.
    case retry(at: Date, error: String)
    /// Given up for the given reason.
    case failed(DeliveryFailureReason, error: String)
}
