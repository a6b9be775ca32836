import Foundation

/// What the broker's state machine asks its I/O loop to do after an event.
package enum BrokerAction: Equatable, Sendable {
    /// Send these frames (from the empty delimiter on) to the peer with this routing id.
    case send(peer: Data, frames: [Data])
    /// A message was dropped: log the peer (as hex) and why, at warning level.
    case drop(peer: Data, reason: String)
    /// Something worth an info line happened to a peer: a worker joined, left or expired.
    case notice(peer: Data, message: String)
}
