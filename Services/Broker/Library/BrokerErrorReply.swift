import Foundation
import MizSchema

/// Builds the error replies the broker sends in place of silence when a request cannot be
/// served: the shared schema's header and `BusError` payload, so every Miz client reads
/// them like any service's error.
enum BrokerErrorReply {
    /// The body frames of the error reply to a request: the request's envelope marked as an
    /// error reply and the error as payload; when the request carries no Miz envelope, a
    /// minimal one whose route is the service, with a new message id.
    static func body(forRequestBody requestBody: [Data], service: String, error: BusError, now: Date) -> [Data] {
        let request =
            (try? BusMessage(bodyFrames: requestBody))
            ?? BusMessage(envelope: Envelope(route: service, deadline: now), payload: Data())
        let reply = request.errorReply(error)
        if let frames = try? reply.bodyFrames() { return frames }
        return [Data("{}".utf8), reply.payload]
    }
}
