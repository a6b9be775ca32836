import CZeroMQ

/// Waits on several sockets at once with `zmq_poll`.
///
/// The poll loop of a socket-owning thread builds one poller over its sockets and asks it
/// which are readable; the timeout is the nearest heartbeat or deadline, so the loop never
/// sleeps and checks.
package struct ZMQPoller {
    private var items: [zmq_pollitem_t] = []

    package init() {}

    /// Adds a socket to watch for incoming messages; returns its index.
    @discardableResult
    package mutating func watch(_ socket: ZMQSocket, forWriting: Bool = false) -> Int {
        var events = Int16(ZMQ_POLLIN)
        if forWriting { events |= Int16(ZMQ_POLLOUT) }
        items.append(zmq_pollitem_t(socket: socket.handle, fd: -1, events: events, revents: 0))
        return items.count - 1
    }

    /// How many sockets are watched.
    package var count: Int { items.count }

    /// Waits until a watched socket is readable or the timeout (milliseconds, -1 for none)
    /// passes; returns how many sockets have events. An interrupted wait returns 0.
    package mutating func poll(timeoutMilliseconds: Int) throws(ZMQError) -> Int {
        let result = items.withUnsafeMutableBufferPointer { buffer in
            zmq_poll(buffer.baseAddress, Int32(buffer.count), timeoutMilliseconds)
        }
        if result < 0 {
            let error = zmq_errno()
            if error == EINTR { return 0 }
            throw ZMQError(operation: "zmq_poll", code: error)
        }
        return Int(result)
    }

    /// True when the socket at the index has a message waiting.
    package func isReadable(_ index: Int) -> Bool {
        items[index].revents & Int16(ZMQ_POLLIN) != 0
    }
}
