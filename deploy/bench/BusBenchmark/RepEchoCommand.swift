import ArgumentParser
import CZeroMQ
import Foundation

/// `bus-benchmark rep-echo`: the raw libzmq baseline's server, a REP socket that sends back
/// every message it gets, in place (`zmq_msg_recv` then `zmq_msg_send` of the same message),
/// so the baseline has no copy and no Swift layer in it.
struct RepEchoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rep-echo",
        abstract: "Echoes on a raw libzmq REP socket until killed."
    )

    @Option(help: "The endpoint to bind.")
    var bind: String = "tcp://127.0.0.1:5592"

    func run() throws {
        guard let context = zmq_ctx_new(), let socket = zmq_socket(context, ZMQ_REP) else {
            throw RawZMQError(operation: "zmq_socket")
        }
        guard zmq_bind(socket, bind) == 0 else { throw RawZMQError(operation: "zmq_bind(\(bind))") }
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        while true {
            guard zmq_msg_recv(&message, socket, 0) >= 0 else {
                if zmq_errno() == EINTR { continue }
                throw RawZMQError(operation: "zmq_msg_recv")
            }
            let more = zmq_msg_more(&message) != 0
            guard zmq_msg_send(&message, socket, more ? ZMQ_SNDMORE : 0) >= 0 else {
                throw RawZMQError(operation: "zmq_msg_send")
            }
        }
    }
}

/// A libzmq call that failed in the raw baseline, with libzmq's text for its errno.
struct RawZMQError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32 = zmq_errno()

    var description: String { "\(operation): \(String(cString: zmq_strerror(code)))" }
}
