import Foundation
import Logging
import ZeroMQ

/// The body of the broker's thread: polls its sockets until the nearest deadline, feeds
/// what arrives to `BrokerState` in batches, performs the actions, answers ZAP requests,
/// and publishes figures for services that changed.
struct BrokerLoop {
    private let sockets: BrokerLoopSockets
    private let batchLimit: Int
    private let logger: Logger
    private let publish: (BrokerSnapshot) -> Void
    private var state: BrokerState
    private var zapHandler: ZAPHandler?
    private let metrics: BrokerMetrics
    private var actions: [BrokerAction] = []

    /// The longest single wait in `zmq_poll`, a guard against a far deadline.
    private static let longestPollMilliseconds: Int64 = 60_000

    /// Prepares a loop over the given sockets; `metrics` and `publish` receive the figures of
    /// services that changed.
    init(
        sockets: BrokerLoopSockets,
        configuration: BrokerServerConfiguration,
        logger: Logger,
        metrics: BrokerMetrics,
        publish: @escaping (BrokerSnapshot) -> Void
    ) {
        self.metrics = metrics
        self.sockets = sockets
        self.batchLimit = configuration.batchLimit
        self.logger = logger
        self.publish = publish
        self.state = BrokerState(policy: configuration.policy, startingAt: .now())
        self.zapHandler = configuration.curve.map {
            ZAPHandler(authorizedKeys: AuthorizedKeys(folder: $0.authorizedKeysFolder))
        }
        actions.reserveCapacity(64)
    }

    /// Runs until the wake-up socket is readable, then disconnects every worker and answers
    /// what is still queued. Throws only what libzmq reports about the broker's own sockets.
    mutating func run() throws {
        var poller = ZMQPoller()
        let routerIndex = poller.watch(sockets.router)
        let wakeIndex = poller.watch(sockets.wakeReceiver)
        var zapIndex: Int?
        if let zap = sockets.zap { zapIndex = poller.watch(zap) }
        publish(state.snapshot())
        while true {
            let now = BrokerTime.now()
            state.tick(at: now, into: &actions)
            try perform(at: now)
            publishChanges()
            let wait = state.nextDeadline - ContinuousClock.now
            let timeout = wait <= .zero ? 0 : min(wait.millisecondsRoundedUp, Self.longestPollMilliseconds)
            _ = try poller.poll(timeoutMilliseconds: Int(timeout))
            if poller.isReadable(wakeIndex) { break }
            if let zapIndex, poller.isReadable(zapIndex) { try serveZAP() }
            if poller.isReadable(routerIndex) { try readRouter() }
        }
        let now = BrokerTime.now()
        state.shutdown(at: now, into: &actions)
        try perform(at: now)
        publishChanges()
    }

    /// Reads every waiting message (up to the batch limit) with one clock reading.
    private mutating func readRouter() throws {
        let now = BrokerTime.now()
        var count = 0
        while count < batchLimit, let frames = try sockets.router.receive(dontWait: true) {
            state.receive(routerFrames: frames, at: now, into: &actions)
            try perform(at: now)
            count += 1
        }
    }

    /// Sends, logs, and reports undeliverable messages back to the state machine, whose
    /// answer is performed in the same pass.
    private mutating func perform(at now: BrokerTime) throws {
        var index = 0
        while index < actions.count {
            let action = actions[index]
            index += 1
            switch action {
            case .send(let peer, let frames):
                if try !deliver(frames, to: peer) {
                    state.sendFailed(to: peer, frames: frames, at: now, into: &actions)
                }
            case .drop(let peer, let reason):
                logger.warning("dropped", metadata: ["peer": "\(peer.hexDescription)", "reason": "\(reason)"])
            case .notice(let peer, let message):
                logger.info("\(message)", metadata: ["peer": "\(peer.hexDescription)"])
            }
        }
        actions.removeAll(keepingCapacity: true)
    }

    /// Sends one message without waiting; false when the peer is gone (EHOSTUNREACH under
    /// ROUTER_MANDATORY) or its queue is full.
    private func deliver(_ frames: [Data], to peer: Data) throws(ZMQError) -> Bool {
        do {
            return try sockets.router.send([peer] + frames, dontWait: true)
        } catch {
            if error.isHostUnreachable { return false }
            throw error
        }
    }

    /// Answers every waiting ZAP request; refusals are logged with the key's first 8
    /// characters only.
    private mutating func serveZAP() throws {
        guard let zap = sockets.zap, zapHandler != nil else { return }
        while let request = try zap.receive(dontWait: true) {
            guard let decision = zapHandler?.handle(request) else { return }
            if !decision.admitted {
                let address = request.count > 3 ? String(decoding: request[3].prefix(64), as: UTF8.self) : ""
                logger.warning(
                    "refused a connection",
                    metadata: [
                        "reason": "\(decision.reason)",
                        "key": "\(decision.keyPrefix.map { $0 + "…" } ?? "-")",
                        "address": "\(address)",
                    ]
                )
            }
            _ = try zap.send(decision.reply, dontWait: true)
        }
    }

    /// Updates metrics for the services that changed and publishes a new snapshot.
    private mutating func publishChanges() {
        let changed = state.takeChangedServices()
        guard !changed.isEmpty else { return }
        for name in changed {
            if let status = state.status(ofService: name) { metrics.update(status) }
        }
        publish(state.snapshot())
    }
}
