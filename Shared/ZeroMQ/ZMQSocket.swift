import CZeroMQ
import Foundation

/// One libzmq socket, owned by one thread at a time.
///
/// A socket is not thread-safe: the thread that runs its poll loop is its only user. It may
/// move to another thread only behind a full memory barrier, such as a mutex.
package final class ZMQSocket {
    /// The context this socket came from, kept alive for as long as the socket is.
    package let context: ZMQContext
    /// The libzmq handle, for `zmq_poll`.
    package private(set) var handle: UnsafeMutableRawPointer?
    /// What kind of socket this is.
    package let kind: ZMQSocketKind

    /// Makes a socket of the given kind in the context.
    package init(_ kind: ZMQSocketKind, context: ZMQContext = .shared) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, kind.rawValue) else {
            throw ZMQError.last("zmq_socket")
        }
        self.context = context
        self.handle = handle
        self.kind = kind
    }

    deinit { close() }

    /// Closes the socket; what is still queued is kept for at most the LINGER period.
    package func close() {
        guard let handle else { return }
        zmq_close(handle)
        self.handle = nil
    }

    private func live(_ operation: String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(operation: operation, code: ENOTSOCK) }
        return handle
    }

    /// Binds to an endpoint such as `tcp://*:5555` or `ipc:///tmp/broker`.
    package func bind(_ endpoint: String) throws(ZMQError) {
        if zmq_bind(try live("zmq_bind"), endpoint) != 0 { throw ZMQError.last("zmq_bind(\(endpoint))") }
    }

    /// Connects to an endpoint; libzmq reconnects by itself when the peer goes away.
    package func connect(_ endpoint: String) throws(ZMQError) {
        if zmq_connect(try live("zmq_connect"), endpoint) != 0 {
            throw ZMQError.last("zmq_connect(\(endpoint))")
        }
    }

    /// Undoes a `connect` to the endpoint.
    package func disconnect(_ endpoint: String) throws(ZMQError) {
        if zmq_disconnect(try live("zmq_disconnect"), endpoint) != 0 {
            throw ZMQError.last("zmq_disconnect(\(endpoint))")
        }
    }

    /// The endpoint last bound, with the port the system chose for `tcp://127.0.0.1:*`.
    package var lastEndpoint: String? {
        guard let handle else { return nil }
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else { return nil }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Options

    /// Sets an integer option (`ZMQ_LINGER`, `ZMQ_SNDHWM`, …).
    package func setOption(_ name: Int32, _ value: Int32) throws(ZMQError) {
        var value = value
        if zmq_setsockopt(try live("zmq_setsockopt"), name, &value, MemoryLayout<Int32>.size) != 0 {
            throw ZMQError.last("zmq_setsockopt(\(name))")
        }
    }

    /// Sets a 64-bit integer option (`ZMQ_MAXMSGSIZE`).
    package func setOption(_ name: Int32, int64 value: Int64) throws(ZMQError) {
        var value = value
        if zmq_setsockopt(try live("zmq_setsockopt"), name, &value, MemoryLayout<Int64>.size) != 0 {
            throw ZMQError.last("zmq_setsockopt(\(name))")
        }
    }

    /// Sets a byte-string option (`ZMQ_ROUTING_ID`, `ZMQ_ZAP_DOMAIN`, CURVE keys).
    package func setOption(_ name: Int32, bytes: [UInt8]) throws(ZMQError) {
        let handle = try live("zmq_setsockopt")
        let result = bytes.withUnsafeBytes { zmq_setsockopt(handle, name, $0.baseAddress, $0.count) }
        if result != 0 { throw ZMQError.last("zmq_setsockopt(\(name))") }
    }

    /// Reads an integer option.
    package func option(_ name: Int32) throws(ZMQError) -> Int32 {
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        if zmq_getsockopt(try live("zmq_getsockopt"), name, &value, &size) != 0 {
            throw ZMQError.last("zmq_getsockopt(\(name))")
        }
        return value
    }

    /// Applies the bus's defaults for a TCP peer (DESIGN.md, "Socket defaults"): short
    /// LINGER, explicit high-water marks and maximum message size, and ZMTP heartbeats so a
    /// dead peer is noticed even when nothing is sent.
    package func applyBusDefaults(
        lingerMilliseconds: Int32 = 200,
        highWaterMark: Int32 = 100_000,
        maximumMessageSize: Int64 = 64 * 1024 * 1024,
        heartbeatMilliseconds: Int32 = 2_500
    ) throws(ZMQError) {
        try setOption(ZMQ_LINGER, lingerMilliseconds)
        try setOption(ZMQ_SNDHWM, highWaterMark)
        try setOption(ZMQ_RCVHWM, highWaterMark)
        try setOption(ZMQ_MAXMSGSIZE, int64: maximumMessageSize)
        try setOption(ZMQ_HEARTBEAT_IVL, heartbeatMilliseconds)
        try setOption(ZMQ_HEARTBEAT_TIMEOUT, heartbeatMilliseconds * 3)
        try setOption(ZMQ_HEARTBEAT_TTL, heartbeatMilliseconds * 3)
    }

    // MARK: Messages

    /// Sends a multipart message; returns false when `dontWait` is set and the message
    /// could not be queued now (EAGAIN). Interrupted calls are retried.
    @discardableResult
    package func send(_ frames: [Data], dontWait: Bool = false) throws(ZMQError) -> Bool {
        let handle = try live("zmq_send")
        let baseFlags = dontWait ? ZMQ_DONTWAIT : 0
        for (index, frame) in frames.enumerated() {
            let flags = baseFlags | (index == frames.count - 1 ? 0 : ZMQ_SNDMORE)
            while true {
                let result = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
                if result >= 0 { break }
                let error = zmq_errno()
                if error == EINTR { continue }
                if error == EAGAIN && index == 0 && dontWait { return false }
                throw ZMQError(operation: "zmq_send", code: error)
            }
        }
        if frames.isEmpty {
            throw ZMQError(operation: "zmq_send: a message has at least one frame", code: EINVAL)
        }
        return true
    }

    /// Receives one whole multipart message, frame by frame through `zmq_msg_t`, so no frame
    /// is cut at a fixed buffer size. Returns nil when `dontWait` is set and nothing is
    /// waiting (EAGAIN). Interrupted calls are retried.
    package func receive(dontWait: Bool = false) throws(ZMQError) -> [Data]? {
        let handle = try live("zmq_msg_recv")
        var frames: [Data] = []
        var message = zmq_msg_t()
        while true {
            zmq_msg_init(&message)
            let flags = (dontWait && frames.isEmpty) ? ZMQ_DONTWAIT : 0
            let result = zmq_msg_recv(&message, handle, flags)
            if result < 0 {
                let error = zmq_errno()
                zmq_msg_close(&message)
                if error == EINTR { continue }
                if error == EAGAIN && frames.isEmpty { return nil }
                throw ZMQError(operation: "zmq_msg_recv", code: error)
            }
            let size = zmq_msg_size(&message)
            if size == 0 {
                frames.append(Data())
            } else {
                frames.append(Data(bytes: zmq_msg_data(&message), count: size))
            }
            let more = zmq_msg_more(&message) != 0
            zmq_msg_close(&message)
            if !more { return frames }
        }
    }
}
