import MizBus
import MizRuntime

/// The `feedback` process. Serves surveys, complaints and messages (نظرسنجی، شکایت، ارسال پیام).
///
/// It joins the bus as the `feedback` service; its routes are registered here, beside the
/// `feedback.ping` every service answers.
package enum FeedbackService {
    /// The MDP service name the broker routes `feedback.*` calls to.
    package static let serviceName = "feedback"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "feedback"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9105

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        try await host.run(opsPort: defaultOpsPort) { _ in }
    }
}
