import Foundation

/// A request or reply on the client side of 7/MDP: a service name and body frames.
///
/// `frames` starts with the empty delimiter frame that a DEALER socket must send itself
/// (a REQ socket adds it on its own).
package struct ClientMessage: Equatable, Sendable {
    /// The service the request is for, or the reply is from.
    package var service: String
    /// The body: for Miz, a header frame, a payload frame and any attachment frames.
    package var body: [Data]

    package init(service: String, body: [Data]) {
        self.service = service
        self.body = body
    }

    /// The frames of this message, from the empty delimiter on.
    package var frames: [Data] {
        [Data(), MajordomoProtocol.clientHeader, Data(service.utf8)] + body
    }

    /// Reads a client message from frames that start with the empty delimiter.
    package init(frames: ArraySlice<Data>) throws(MajordomoProtocolError) {
        var rest = frames
        guard let delimiter = rest.popFirst(), delimiter.isEmpty else {
            throw MajordomoProtocolError("client message does not start with an empty frame")
        }
        try self.init(afterDelimiter: rest)
    }

    /// Reads a client message from the frames after the empty delimiter (header first).
    package init(afterDelimiter frames: ArraySlice<Data>) throws(MajordomoProtocolError) {
        var rest = frames
        guard rest.popFirst() == MajordomoProtocol.clientHeader else {
            throw MajordomoProtocolError("client message without the MDPC01 header")
        }
        guard let name = rest.popFirst(), let service = String(data: name, encoding: .utf8), !service.isEmpty else {
            throw MajordomoProtocolError("client message without a service name")
        }
        self.init(service: service, body: Array(rest))
    }
}
