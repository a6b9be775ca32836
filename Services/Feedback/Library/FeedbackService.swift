import Foundation
import Logging
import MizBus
import MizPostgres
import MizRuntime

/// The `feedback` process. Serves surveys, complaints and messages (نظرسنجی، شکایت، ارسال پیام).
///
/// It joins the bus as the `feedback` service; its routes are registered here, beside the
/// `feedback.ping` every service answers. Its data is one SQLite file, `feedback.sqlite` in
/// the data folder, or with `--database-url` the `feedback` schema of a PostgreSQL database
/// (shared by several instances), migrated at start. The challenge key
/// `feedback-challenge.key` is read from the keys folder when it is there (a Secret every
/// instance mounts, so each checks the others' tokens), otherwise from the data folder,
/// made there on first start. It calls `requests.ownership` to prove ownership of requests and `notifier.send`,
/// through its outbox relay, to tell citizens their complaint was answered.
package enum FeedbackService {
    /// The MDP service name the broker routes `feedback.*` calls to.
    package static let serviceName = "feedback"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "feedback"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9105

    /// The PostgreSQL schema of the feedback tables, unless the URL names another.
    package static let schemaName = "feedback"

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(
        options: RuntimeOptions, feedback: FeedbackOptions = FeedbackOptions(),
        database: DatabaseOptions = DatabaseOptions()
    ) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let folder = try options.dataFolder()
        try await database.withStore(
            sqlitePath: { folder.appendingPathComponent(SQLiteFeedbackStore.fileName).path },
            openSQLite: { path -> any FeedbackStore in try SQLiteFeedbackStore(path: path) },
            schema: schemaName, logLabel: "miz.feedback.postgres",
            openPostgres: { database -> any FeedbackStore in
                let store = PostgresFeedbackStore(database: database)
                try await store.migrate()
                return store
            }
        ) { store, location in
            try await serve(host: host, store: store, feedback: feedback, folder: folder, location: location)
        }
    }

    /// Where the challenge key is: the keys folder when the operator put it there, else the
    /// data folder.
    package static func challengeKeyFolder(keys: URL, data: URL) -> URL {
        let shared = keys.appendingPathComponent(MessageChallenger.keyFileName).path
        return FileManager.default.fileExists(atPath: shared) ? keys : data
    }

    /// Serves the routes and runs the notification relay over the store until shutdown.
    private static func serve(
        host: ServiceHost, store: any FeedbackStore, feedback: FeedbackOptions, folder: URL, location: String
    ) async throws {
        let client = try host.makeClient()
        let signal = WakeSignal()
        let routes = FeedbackRoutes(
            store: store, ownership: BusRequestOwnershipLookup(client: client), policy: feedback.policy,
            challenger: try MessageChallenger.loadingKey(
                from: challengeKeyFolder(keys: host.options.keysFolder, data: folder)),
            signal: signal)
        let relay = NotificationRelay(
            store: store, sender: BusNotificationSender(client: client), signal: signal,
            logger: Logger(label: "miz.feedback.relay"))
        host.logger.info(
            "feedback open",
            metadata: [
                "miz.feedback.database": "\(location)",
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
