import Foundation
import Logging
import MizBus
import MizRuntime

/// The `feedback` process. Serves surveys, complaints and messages (نظرسنجی، شکایت، ارسال پیام).
///
/// It joins the bus as the `feedback` service; its routes are registered here, beside the
/// `feedback.ping` every service answers. Its data is one SQLite file, `feedback.sqlite` in
/// the data folder, migrated at start, and the challenge key `feedback-challenge.key` beside
/// it. It calls `requests.ownership` to prove ownership of requests and `notifier.send`,
/// through its outbox relay, to tell citizens their complaint was answered.
package enum FeedbackService {
    /// The MDP service name the broker routes `feedback.*` calls to.
    package static let serviceName = "feedback"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "feedback"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9105

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions, feedback: FeedbackOptions = FeedbackOptions()) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let folder = try options.dataFolder()
        let path = folder.appendingPathComponent(SQLiteFeedbackStore.fileName).path
        let store = try SQLiteFeedbackStore(path: path)
        let client = try host.makeClient()
        let signal = WakeSignal()
        let routes = FeedbackRoutes(
            store: store, ownership: BusRequestOwnershipLookup(client: client), policy: feedback.policy,
            challenger: try MessageChallenger.loadingKey(from: folder), signal: signal)
        let relay = NotificationRelay(
            store: store, sender: BusNotificationSender(client: client), signal: signal,
            logger: Logger(label: "miz.feedback.relay"))
        host.logger.info(
            "feedback open",
            metadata: [
                "miz.feedback.database": "\(path)",
                "miz.feedback.message_hourly_limit": "\(routes.policy.messagesPerWindow)",
                "miz.feedback.complaint_answer_days": "\(routes.policy.complaintAnswerWorkingDays)",
            ])
        do {
            try await host.run(opsPort: defaultOpsPort, isStorageReady: { await store.isReady() }, services: [relay]) {
                worker in
                routes.register(on: worker)
            }
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }
}
