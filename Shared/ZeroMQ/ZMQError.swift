import CZeroMQ

/// An error reported by libzmq: the operation that failed, its errno and libzmq's text for it.
package struct ZMQError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The call that failed, such as `zmq_bind(tcp://127.0.0.1:5555)`.
    package let operation: String
    /// The errno that libzmq set.
    package let code: Int32

    package init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// The error libzmq set for the calling thread just now.
    static func last(_ operation: String) -> ZMQError {
        ZMQError(operation: operation, code: zmq_errno())
    }

    /// True when the context was terminated under the socket (ETERM): the owner should close it.
    package var isContextTerminated: Bool { code == ZMQError.contextTerminated }

    /// True when a ROUTER_MANDATORY socket had no route to the addressed peer.
    package var isHostUnreachable: Bool { code == EHOSTUNREACH }

    /// libzmq's ETERM: its own errno, outside the system's range.
    static let contextTerminated: Int32 = 156_384_712 + 53

    package var description: String {
        "\(operation): \(String(cString: zmq_strerror(code))) (errno \(code))"
    }
}
