import CZeroMQ
import Foundation
import Logging
import Metrics
import Synchronization
import ZeroMQ

/// The broker process's I/O: one thread owns a ROUTER socket bound to every configured
/// endpoint (and, with CURVE, the ZAP handler's REP socket), runs a `zmq_poll` loop whose
/// timeout is the state machine's next deadline, and performs what `BrokerState` decides.
///
/// Sockets are made and bound in `init`, so bind errors surface at once and
/// `boundEndpoints` has the real ports; `run()` hands them to the loop thread. `shutdown()`
/// may be called from any thread: it wakes the loop through an inproc PAIR socket.
package final class BrokerServer: Sendable {
    /// What this server was made with.
    package let configuration: BrokerServerConfiguration
    /// The endpoints actually bound, with the ports the system chose for `*`.
    package let boundEndpoints: [String]

    private let logger: Logger
    private let metricsFactory: (any MetricsFactory)?
    private let loopSockets: Mutex<BrokerLoopSockets?>
    private let wakeSender: Mutex<ZMQSocket?>
    private let latestStatus = Mutex(BrokerSnapshot())

    /// Makes the sockets and binds them. With CURVE, the ZAP handler is bound before the
    /// ROUTER so that no connection is ever accepted without it; a context holds one ZAP
    /// handler, so two CURVE brokers need two contexts. Metrics go to the bootstrapped
    /// swift-metrics backend unless `metricsFactory` names another.
    package init(
        configuration: BrokerServerConfiguration,
        logger: Logger = Logger(label: "miz.broker"),
        context: ZMQContext = .shared,
        metricsFactory: (any MetricsFactory)? = nil
    ) throws {
        guard !configuration.endpoints.isEmpty else { throw BrokerServerError.noEndpoints }
        self.configuration = configuration
        self.logger = logger
        self.metricsFactory = metricsFactory

        let wakeEndpoint = "inproc://miz-broker-wake-\(UUID().uuidString)"
        let wakeReceiver = try ZMQSocket(.pair, context: context)
        try wakeReceiver.setOption(ZMQ_LINGER, 0)
        try wakeReceiver.bind(wakeEndpoint)
        let sender = try ZMQSocket(.pair, context: context)
        try sender.setOption(ZMQ_LINGER, 0)
        try sender.connect(wakeEndpoint)

        var zap: ZMQSocket?
        let router = try ZMQSocket(.router, context: context)
        try router.applyBusDefaults()
        try router.setOption(ZMQ_ROUTER_MANDATORY, 1)
        if let curve = configuration.curve {
            let handler = try ZMQSocket(.rep, context: context)
            try handler.setOption(ZMQ_LINGER, 0)
            try handler.bind(ZAPHandler.endpoint)
            zap = handler
            try router.makeCurveServer(curve.serverKeys)
            try router.enforceZAPDomain()
        }
        var bound: [String] = []
        for endpoint in configuration.endpoints {
            try router.bind(endpoint)
            bound.append(router.lastEndpoint ?? endpoint)
        }
        boundEndpoints = bound
        loopSockets = Mutex(BrokerLoopSockets(router: router, wakeReceiver: wakeReceiver, zap: zap))
        wakeSender = Mutex(sender)
    }

    /// Runs the broker's loop on its own thread and returns when it has ended, after
    /// `shutdown()` or the task's cancellation; rethrows a libzmq failure that ended it.
    package func run() async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                start { continuation.resume(with: $0) }
            }
        } onCancel: {
            self.shutdown()
        }
    }

    /// Starts the loop on its own thread and returns at once; `completion` runs on that
    /// thread when the loop has ended. For callers outside Swift concurrency; `run()` is the
    /// async form.
    package func start(completion: @escaping @Sendable (Result<Void, any Error>) -> Void = { _ in }) {
        let thread = Thread { [self] in
            Thread.current.name = "miz-broker"
            completion(Result { try self.runLoop() })
        }
        thread.name = "miz-broker"
        thread.start()
    }

    /// Asks the loop to stop: it sends DISCONNECT to every worker, answers what is queued
    /// with `unavailable` and closes its sockets. Safe from any thread, and more than once.
    package func shutdown() {
        wakeSender.withLock { socket in
            _ = try? socket?.send([Data()], dontWait: true)
        }
    }

    /// The latest figures of every service, as the loop last published them.
    package func status() -> BrokerSnapshot {
        latestStatus.withLock { $0 }
    }

    // MARK: The loop

    private func runLoop() throws {
        guard let sockets = loopSockets.withLock({ $0.take() }) else { throw BrokerServerError.alreadyStarted }
        defer {
            sockets.router.close()
            sockets.zap?.close()
            sockets.wakeReceiver.close()
            wakeSender.withLock { socket in
                socket?.close()
                socket = nil
            }
        }
        var loop = BrokerLoop(
            sockets: sockets,
            configuration: configuration,
            logger: logger,
            metrics: BrokerMetrics(factory: metricsFactory ?? MetricsSystem.factory),
            publish: { snapshot in self.latestStatus.withLock { $0 = snapshot } }
        )
        logger.info(
            "broker listening",
            metadata: [
                "endpoints": .array(boundEndpoints.map { .string($0) }),
                "curve": .stringConvertible(configuration.curve != nil),
            ]
        )
        try loop.run()
        logger.info("broker stopped")
    }
}

extension ZMQSocket {
    /// Refuses CURVE connections while no ZAP handler answers (`ZMQ_ZAP_ENFORCE_DOMAIN`, a
    /// draft option of libzmq 4.3); where libzmq lacks it, binding the handler before the
    /// ROUTER and closing it after gives the same guarantee.
    fileprivate func enforceZAPDomain() throws {
        let zapEnforceDomain: Int32 = 93
        do {
            try setOption(zapEnforceDomain, 1)
        } catch  where error.code == EINVAL {
            return
        }
    }
}
