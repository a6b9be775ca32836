import Foundation
import Logging
import MizBus
import MizSchema
import Prometheus
import ServiceLifecycle
import ZeroMQ

/// Runs one Miz service process: logging and metrics, CURVE keys, a bus worker serving the
/// service's routes (with `<service>.ping`), the ops HTTP server, and graceful shutdown on
/// SIGTERM or SIGINT.
package struct ServiceHost: Sendable {
    /// The MDP service name, such as `catalog`.
    package let service: String
    /// The name of the executable and its keys, such as `identity-verifier`.
    package let processName: String
    package let options: RuntimeOptions
    package let logger: Logger
    private let started = ContinuousClock.now
    /// The process's Prometheus registry, for an ops server of its own.
    package let registry: PrometheusCollectorRegistry

    /// Sets up logging and metrics for the process.
    package init(service: String, processName: String? = nil, options: RuntimeOptions) {
        self.service = service
        self.processName = processName ?? service
        self.options = options
        let registry = Observability.bootstrap(
            service: self.processName, instance: options.instance, level: options.logLevel)
        self.registry = registry
        self.logger = Logger(label: "miz.\(self.processName)")
    }

    /// The CURVE settings of this process, or nil (with a warning) when CURVE is off.
    package func busCurve() throws -> BusCurve? {
        guard options.curve == .on else {
            logger.warning("CURVE is off: the bus is not encrypted. Use --curve off for debugging only.")
            return nil
        }
        let store = CurveKeyStore(folder: options.keysFolder)
        return BusCurve(keys: try store.clientKeys(named: processName), brokerPublicKey: try store.brokerPublicKey())
    }

    /// A bus client for calling other services.
    package func makeClient() throws -> BusClient {
        try BusClient(
            .init(brokers: options.brokers, curve: try busCurve()), logger: Logger(label: "miz.\(processName).bus"))
    }

    /// Serves the service's routes until SIGTERM or SIGINT, then finishes the calls in hand.
    ///
    /// - Parameters:
    ///   - opsPort: the default port of the ops server when `--ops-port` is not given.
    ///   - isStorageReady: whether the service's storage is open, for `/ready`.
    ///   - register: adds the service's routes to the worker.
    ///   - services: other long-running pieces of the process (relays, timers).
    package func run(
        opsPort defaultOpsPort: Int,
        isStorageReady: @escaping @Sendable () async -> Bool = { true },
        services: [any Service] = [],
        register: (BusWorker) throws -> Void
    ) async throws {
        let worker = try BusWorker(
            .init(
                service: service, brokers: options.brokers, curve: try busCurve(),
                concurrency: options.concurrency, heartbeatInterval: options.heartbeat, liveness: options.liveness),
            logger: Logger(label: "miz.\(processName).bus"))
        let started = self.started
        let service = self.service
        let instance = options.instance
        worker.register(Routes.ping(service: service)) { _, _ in
            PingReply(
                service: service, version: MizVersion.current, instanceId: instance,
                uptimeSeconds: (ContinuousClock.now - started).seconds)
        }
        try register(worker)
        var all: [any Service] = [BusWorkerService(worker: worker)] + services
        let port = options.opsPort ?? defaultOpsPort
        if port > 0 {
            all.append(
                OpsServer.make(
                    host: options.opsHost, port: port, registry: registry, logger: logger,
                    isReady: { worker.isConnected ? await isStorageReady() : false }))
        }
        logger.info(
            "starting",
            metadata: [
                "miz.brokers": "\(options.brokers.joined(separator: ","))", "miz.ops_port": "\(port)",
                "miz.concurrency": "\(options.concurrency)",
                "miz.routes": "\(worker.routeNames.joined(separator: ","))",
            ])
        let group = ParentWatch.serviceGroup(
            services: all, exitWhenStdinCloses: options.exitWhenStdinCloses, logger: logger)
        try await group.run()
        logger.info("stopped")
    }
}

/// Runs a bus worker as a service of the process's group: joins on start, drains and says
/// DISCONNECT on graceful shutdown.
package struct BusWorkerService: Service {
    package let worker: BusWorker

    package init(worker: BusWorker) { self.worker = worker }

    package func run() async throws {
        await withGracefulShutdownHandler {
            await worker.run()
        } onGracefulShutdown: {
            worker.shutdown()
        }
    }
}
