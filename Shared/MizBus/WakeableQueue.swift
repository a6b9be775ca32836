import Foundation
import Synchronization
import ZeroMQ

/// Commands for a socket-owning thread, and the inproc PAIR socket that wakes its poll loop.
///
/// Swift concurrency and other threads push commands; the owning thread drains them after
/// `zmq_poll` reports the wake-up socket readable. A wake-up is sent only when the queue goes
/// from empty to non-empty, so a burst of commands costs one wake-up.
final class WakeableQueue<Command: Sendable>: Sendable {
    private struct State: ~Copyable {
        var commands: [Command] = []
        var sender: ZMQSocket?
    }

    private let state: Mutex<State>
    private let endpoint: String

    /// Makes the queue and the receiving end of its wake-up pair; the receiver belongs to the
    /// owning thread, which must watch it in its poller.
    init(context: ZMQContext) throws(ZMQError) {
        let endpoint = "inproc://miz-wake-\(UUID().uuidString)"
        let receiver = try ZMQSocket(.pair, context: context)
        try receiver.bind(endpoint)
        let sender = try ZMQSocket(.pair, context: context)
        try sender.connect(endpoint)
        self.endpoint = endpoint
        self.state = Mutex(State(sender: sender))
        self.receiverBox = ReceiverBox(receiver)
    }

    /// The receiving socket, handed once to the owning thread.
    let receiverBox: ReceiverBox

    /// Queues a command and wakes the owner if it may be waiting. Returns false when the
    /// queue was closed.
    @discardableResult
    func push(_ command: Command) -> Bool {
        state.withLock { state in
            guard let sender = state.sender else { return false }
            let wasEmpty = state.commands.isEmpty
            state.commands.append(command)
            if wasEmpty {
                _ = try? sender.send([Data()], dontWait: true)
            }
            return true
        }
    }

    /// Takes every queued command; the owner calls it after draining the wake-up socket.
    func takeAll() -> [Command] {
        state.withLock { state in
            let commands = state.commands
            state.commands.removeAll(keepingCapacity: true)
            return commands
        }
    }

    /// Closes the sending side; later pushes are refused.
    func close() {
        state.withLock { state in
            state.sender?.close()
            state.sender = nil
        }
    }
}

/// Carries the receiving PAIR socket to the thread that will own it.
final class ReceiverBox: @unchecked Sendable {
    private let socket: ZMQSocket

    init(_ socket: ZMQSocket) { self.socket = socket }

    /// The socket; to be used only by the thread that owns the loop.
    var ownedSocket: ZMQSocket { socket }

    /// Reads and discards every pending wake-up.
    func drain() {
        while (try? socket.receive(dontWait: true)) ?? nil != nil {}
    }
}
