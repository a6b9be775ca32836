/// Why a `BrokerServer` could not start or run.
package enum BrokerServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configuration lists no endpoint to bind.
    case noEndpoints
    /// `run()` was called on a server whose loop already ran.
    case alreadyStarted

    /// The error in words, for the log and the operator.
    package var description: String {
        switch self {
        case .noEndpoints: "the broker has no endpoint to bind"
        case .alreadyStarted: "the broker's loop was already started"
        }
    }
}
