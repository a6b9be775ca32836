import MizBus
import MizRuntime

/// The `requests` process. Serves citizens' requests, their documents and the provinces' inboxes (کارتابل).
///
/// It joins the bus as the `requests` service; its routes are registered here, beside the
/// `requests.ping` every service answers.
package enum RequestsService {
    /// The MDP service name the broker routes `requests.*` calls to.
    package static let serviceName = "requests"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "requests"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9103

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        try await host.run(opsPort: defaultOpsPort) { _ in }
    }
}
