import Foundation
import Logging
import MizSchema

/// What a route handler knows about the call besides its request: who called, the trace,
/// the deadline and any attached files.
package struct CallContext: Sendable {
    /// The header of the call.
    package let envelope: Envelope
    /// Raw frames attached to the request (uploaded documents), in order.
    package let attachments: [Data]
    /// A logger whose every line carries the trace id, route and caller kind.
    package let logger: Logger

    package init(envelope: Envelope, attachments: [Data], logger: Logger) {
        self.envelope = envelope
        self.attachments = attachments
        self.logger = logger
    }

    /// The caller as the gateway (or a calling service) set it; anonymous when unset.
    package var caller: Caller { envelope.caller ?? .anonymous }

    /// True when the caller's deadline has passed and any further work would be wasted.
    package var isPastDeadline: Bool { Date() >= envelope.deadline }
}

/// A reply with attachment frames, for routes that return files.
package struct AttachedReply<Reply: Sendable>: Sendable {
    package var reply: Reply
    package var attachments: [Data]

    package init(_ reply: Reply, attachments: [Data]) {
        self.reply = reply
        self.attachments = attachments
    }
}
