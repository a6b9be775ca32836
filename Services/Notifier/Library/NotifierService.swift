import Foundation
import Logging
import MizBus
import MizRuntime

/// The `notifier` process. Sends SMS messages to citizens and keeps their delivery log.
///
/// It joins the bus as the `notifier` service; its routes are registered here, beside the
/// `notifier.ping` every service answers. Its data is one SQLite file, `notifier.sqlite` in the
/// data folder: the outbox that `notifier.send` writes and the delivery relay, a service of the
/// same process, empties through the chosen SMS provider.
package enum NotifierService {
    /// The MDP service name the broker routes `notifier.*` calls to.
    package static let serviceName = "notifier"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "notifier"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9106

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions, notifier: NotifierOptions = NotifierOptions()) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let folder = try options.dataFolder()
        let path = folder.appendingPathComponent(SQLiteNotifierStore.fileName).path
        let store = try SQLiteNotifierStore(path: path)
        let signal = WakeSignal()
        let relay = DeliveryRelay(
            store: store, provider: try notifier.makeProvider(dataFolder: folder),
            policy: RelayPolicy(maximumAttempts: notifier.smsMaxAttempts), signal: signal,
            logger: Logger(label: "miz.notifier.relay"))
        let routes = NotifierRoutes(
            store: store, signal: signal, hourlyLimit: max(1, notifier.smsHourlyLimit),
            isDevelopment: notifier.isDevelopment)
        host.logger.info(
            "notifier open",
            metadata: [
                "miz.notifier.database": "\(path)", "miz.notifier.provider": "\(notifier.smsProvider.rawValue)",
                "miz.notifier.development": "\(notifier.isDevelopment)",
            ])
        try await host.run(opsPort: defaultOpsPort, isStorageReady: { await store.isReady() }, services: [relay]) {
            worker in
            routes.register(on: worker)
        }
    }
}
