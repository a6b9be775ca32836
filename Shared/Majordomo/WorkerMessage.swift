import Foundation

/// A message between a worker and the broker, as 7/MDP defines it.
///
/// `frames` starts with the empty delimiter frame that a DEALER socket must send itself;
/// a ROUTER's peer identity is not part of it.
package enum WorkerMessage: Equatable, Sendable {
    /// Worker → broker: ready to serve a service.
    case ready(service: String)
    /// Broker → worker: a client's request; `client` is the return address.
    case request(client: Data, body: [Data])
    /// Worker → broker: the reply to the client at `client`.
    case reply(client: Data, body: [Data])
    /// Either way: still alive.
    case heartbeat
    /// Either way: the connection is over.
    case disconnect

    /// The command of this message.
    package var command: WorkerCommand {
        switch self {
        case .ready: .ready
        case .request: .request
        case .reply: .reply
        case .heartbeat: .heartbeat
        case .disconnect: .disconnect
        }
    }

    /// The frames of this message, from the empty delimiter on.
    package var frames: [Data] {
        let prefix = [Data(), MajordomoProtocol.workerHeader, Data([command.rawValue])]
        switch self {
        case .ready(let service):
            return prefix + [Data(service.utf8)]
        case .request(let client, let body), .reply(let client, let body):
            return prefix + [client, Data()] + body
        case .heartbeat, .disconnect:
            return prefix
        }
    }

    /// Reads a worker message from frames that start with the empty delimiter.
    package init(frames: ArraySlice<Data>) throws(MajordomoProtocolError) {
        var rest = frames
        guard let delimiter = rest.popFirst(), delimiter.isEmpty else {
            throw MajordomoProtocolError("worker message does not start with an empty frame")
        }
        try self.init(afterDelimiter: rest)
    }

    /// Reads a worker message from the frames after the empty delimiter (header first).
    package init(afterDelimiter frames: ArraySlice<Data>) throws(MajordomoProtocolError) {
        var rest = frames
        guard rest.popFirst() == MajordomoProtocol.workerHeader else {
            throw MajordomoProtocolError("worker message without the MDPW01 header")
        }
        guard let commandFrame = rest.popFirst(), commandFrame.count == 1,
            let command = WorkerCommand(rawValue: commandFrame[commandFrame.startIndex])
        else {
            throw MajordomoProtocolError("worker message with an unknown command")
        }
        switch command {
        case .ready:
            guard rest.count == 1, let name = rest.first, let service = String(data: name, encoding: .utf8),
                !service.isEmpty
            else {
                throw MajordomoProtocolError("READY must carry one service name frame")
            }
            self = .ready(service: service)
        case .request, .reply:
            guard let client = rest.popFirst(), !client.isEmpty else {
                throw MajordomoProtocolError("\(command) without a client address")
            }
            guard rest.popFirst()?.isEmpty == true else {
                throw MajordomoProtocolError("\(command) without the empty frame after the client address")
            }
            let body = Array(rest)
            self = command == .request ? .request(client: client, body: body) : .reply(client: client, body: body)
        case .heartbeat:
            guard rest.isEmpty else { throw MajordomoProtocolError("HEARTBEAT with extra frames") }
            self = .heartbeat
        case .disconnect:
            guard rest.isEmpty else { throw MajordomoProtocolError("DISCONNECT with extra frames") }
            self = .disconnect
        }
    }
}
