import CZeroMQ

/// The socket patterns Miz uses.
package enum ZMQSocketKind: Sendable {
    case pair, dealer, router, req, rep, pub, sub, push, pull, stream

    var rawValue: Int32 {
        switch self {
        case .pair: ZMQ_PAIR
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .stream: ZMQ_STREAM
        }
    }
}
