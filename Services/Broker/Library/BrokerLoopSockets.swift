import ZeroMQ

/// The sockets of the broker's loop: made and bound by `BrokerServer.init`, then owned by
/// the loop thread alone.
struct BrokerLoopSockets {
    /// The ROUTER every client and worker talks to.
    let router: ZMQSocket
    /// The inproc PAIR that `shutdown()` wakes the loop through.
    let wakeReceiver: ZMQSocket
    /// The ZAP handler's REP socket, when the broker is a CURVE server.
    let zap: ZMQSocket?
}
