import MizBus
import MizRuntime

/// The `identity-verifier` process. Verifies applicants against the civil registry (ثبت احوال) and mobile ownership (شاهکار).
///
/// It joins the bus as the `identity` service; its routes are registered here, beside the
/// `identity.ping` every service answers.
package enum IdentityVerifierService {
    /// The MDP service name the broker routes `identity.*` calls to.
    package static let serviceName = "identity"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "identity-verifier"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9104

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        try await host.run(opsPort: defaultOpsPort) { _ in }
    }
}
