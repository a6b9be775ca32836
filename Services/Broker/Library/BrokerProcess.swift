import Foundation
import Logging
import MizRuntime
import MizSchema
import ServiceLifecycle

/// The `broker` process: the router, its ops server (`/live`, `/ready`, `/metrics` and
/// `/status` with every service's figures as JSON) and graceful shutdown on SIGTERM or SIGINT.
package enum BrokerProcess {
    /// Runs the broker until SIGTERM or SIGINT.
    package static func run(options: BrokerOptions) async throws {
        let registry = Observability.bootstrap(
            service: "broker", instance: "broker-\(getpid())", level: options.logLevel)
        let logger = Logger(label: "miz.broker")
        var curve: BrokerCurveConfiguration?
        if options.curve == .on {
            let configuration = try BrokerCurveConfiguration(keyStore: CurveKeyStore(folder: options.keysFolder))
            logger.info(
                "CURVE on",
                metadata: [
                    "miz.public_key": "\(configuration.serverPublicKey)",
                    "miz.authorized_keys": "\(configuration.authorizedKeysFolder.path)",
                ])
            curve = configuration
        } else {
            logger.warning(
                "CURVE is off: bus traffic is not encrypted and any peer may connect. Use --curve off for debugging only."
            )
        }
        let server = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: options.endpoints, policy: options.policy, curve: curve),
            logger: logger)
        logger.info("broker listening", metadata: ["miz.endpoints": "\(server.boundEndpoints.joined(separator: ","))"])
        var services: [any Service] = [BrokerService(server: server)]
        if options.opsPort > 0 {
            services.append(
                OpsServer.make(
                    host: options.opsHost, port: options.opsPort, registry: registry, logger: logger,
                    isReady: { true },
                    status: { (try? WireCoding.encoder.encode(server.status())) ?? Data("{}".utf8) }))
        }
        let group = ParentWatch.serviceGroup(
            services: services, exitWhenStdinCloses: options.exitWhenStdinCloses, logger: logger)
        try await group.run()
    }
}

/// Runs the broker's loop as a service of the process's group.
struct BrokerService: Service {
    let server: BrokerServer

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            server.shutdown()
        }
    }
}
