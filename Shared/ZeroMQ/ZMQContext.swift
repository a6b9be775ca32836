import CZeroMQ

/// A libzmq context: the owner of I/O threads and of every socket made from it.
///
/// A context is thread-safe; the sockets made from it are not. Sockets keep their context
/// alive, so the context ends only after the last socket has closed.
package final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// Makes a context with the given number of I/O threads.
    package init(ioThreads: Int32 = 1) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
        zmq_ctx_set(handle, ZMQ_BLOCKY, 0)
    }

    /// The context most processes need: one per process, made on first use.
    package static let shared: ZMQContext = {
        do { return try ZMQContext() } catch { preconditionFailure("libzmq could not make a context: \(error)") }
    }()

    deinit {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
