import Foundation
import Logging
import MizBus
import MizPostgres
import MizRuntime

/// The `notifier` process. Sends SMS messages to citizens and keeps their delivery log.
///
/// It joins the bus as the `notifier` service; its routes are registered here, beside the
/// `notifier.ping` every service answers. Its data is one SQLite file, `notifier.sqlite` in the
/// data folder, or with `--database-url` the `notifier` schema of a PostgreSQL database (which
/// several instances share, each relay claiming different messages): the outbox that
/// `notifier.send` writes and the delivery relay, a service of the same process, empties
/// through the chosen SMS provider.
package enum NotifierService {
    /// The MDP service name the broker routes `notifier.*` calls to.
    package static let serviceName = "notifier"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "notifier"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9106

    /// The PostgreSQL schema of the notifier's tables, unless the URL names another.
    package static let schemaName = "notifier"

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(
        options: RuntimeOptions, notifier: NotifierOptions = NotifierOptions(),
        database: DatabaseOptions = DatabaseOptions()
    ) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let folder = try options.dataFolder()
        try await database.withStore(
            sqlitePath: { folder.appendingPathComponent(SQLiteNotifierStore.fileName).path },
            openSQLite: { path -> any NotifierStore in try SQLiteNotifierStore(path: path) },
            schema: schemaName, logLabel: "miz.notifier.postgres",
            openPostgres: { database -> any NotifierStore in
                let store = PostgresNotifierStore(database: database)
                try await store.migrate()
                return store
            }
        ) { store, location in
            try await serve(host: host, store: store, notifier: notifier, folder: folder, location: location)
        }
    }

    /// Serves the routes and runs the delivery relay over the store until shutdown.
    private static func serve(
        host: ServiceHost, store: any NotifierStore, notifier: NotifierOptions, folder: URL, location: String
    ) async throws {
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
                "miz.notifier.database": "\(location)", "miz.notifier.provider": "\(notifier.smsProvider.rawValue)",
                "miz.notifier.development": "\(notifier.isDevelopment)",
            ])
        try await host.run(opsPort: defaultOpsPort, isStorageReady: { await store.isReady() }, services: [relay]) {
            worker in
            routes.register(on: worker)
        }
    }
}
