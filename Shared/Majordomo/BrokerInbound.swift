import Foundation

/// A message as the broker's ROUTER socket receives it: the sender's identity, then either a
/// client request or a worker command.
package struct BrokerInbound: Equatable, Sendable {
    /// Who sent it, and where the answer goes.
    package enum Sender: Equatable, Sendable {
        case client(ClientMessage)
        case worker(WorkerMessage)
    }

    /// The ROUTER's routing id of the peer.
    package var peer: Data
    package var sender: Sender

    package init(peer: Data, sender: Sender) {
        self.peer = peer
        self.sender = sender
    }

    /// Reads the frames a ROUTER socket delivered: identity, empty delimiter, protocol header
    /// and the rest.
    package init(routerFrames frames: [Data]) throws(MajordomoProtocolError) {
        guard frames.count >= 3 else { throw MajordomoProtocolError("message of \(frames.count) frames is too short") }
        let peer = frames[0]
        guard frames[1].isEmpty else { throw MajordomoProtocolError("no empty delimiter after the peer identity") }
        let header = frames[2]
        if header == MajordomoProtocol.clientHeader {
            self.init(peer: peer, sender: .client(try ClientMessage(afterDelimiter: frames[2...])))
        } else if header == MajordomoProtocol.workerHeader {
            self.init(peer: peer, sender: .worker(try WorkerMessage(afterDelimiter: frames[2...])))
        } else {
            throw MajordomoProtocolError("unknown protocol header")
        }
    }
}
