import MizBus
import MizRuntime

/// The `notifier` process. Sends SMS messages to citizens and keeps their delivery log.
///
/// It joins the bus as the `notifier` service; its routes are registered here, beside the
/// `notifier.ping` every service answers.
package enum NotifierService {
    /// The MDP service name the broker routes `notifier.*` calls to.
    package static let serviceName = "notifier"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "notifier"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9106

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        try await host.run(opsPort: defaultOpsPort) { _ in }
    }
}
