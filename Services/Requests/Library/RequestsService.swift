import Foundation
import Logging
import MizBus
import MizPostgres
import MizRuntime
import ServiceLifecycle

/// The `requests` process. Serves citizens' requests, their documents and the provinces' inboxes (کارتابل).
///
/// It joins the bus as the `requests` service; its routes are registered here, beside the
/// `requests.ping` every service answers. Its data is one SQLite file, `requests.sqlite` in
/// the data folder, or with `--database-url` the `requests` schema of a PostgreSQL database,
/// which several instances share (each relay claiming different outbox events). The outbox
/// relay, a service of the same process, hands its SMS events to the notifier. Uploaded
/// documents stay in the database unless `--documents-folder` names a folder the instances
/// share; then a `DocumentSweeper` of each instance removes files no row names.
package enum RequestsService {
    /// The MDP service name the broker routes `requests.*` calls to.
    package static let serviceName = "requests"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "requests"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9103
    /// The PostgreSQL schema of the requests tables, unless the URL names another.
    package static let schemaName = "requests"

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(
        options: RuntimeOptions, database: DatabaseOptions = DatabaseOptions(),
        documents: DocumentFolderOptions = DocumentFolderOptions()
    ) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let vault = try documents.vault()
        try await database.withStore(
            sqlitePath: { try options.dataFolder().appendingPathComponent(SQLiteRequestStore.fileName).path },
            openSQLite: { path -> any RequestStore in try SQLiteRequestStore(path: path, vault: vault) },
            schema: schemaName, logLabel: "miz.requests.postgres",
            openPostgres: { database -> any RequestStore in
                let store = PostgresRequestStore(database: database, vault: vault)
                try await store.migrate()
                return store
            }
        ) { store, location in
            try await serve(host: host, store: store, vault: vault, location: location)
        }
    }

    /// Serves the routes and runs the outbox relay (and, with a documents folder, its sweeper)
    /// over the store until shutdown.
    private static func serve(
        host: ServiceHost, store: any RequestStore, vault: DocumentFolder?, location: String
    ) async throws {
        let client = try host.makeClient()
        let upstream = BusRequestsUpstream(client: client)
        let signal = WakeSignal()
        let relay = OutboxRelay(
            store: store, upstream: upstream, signal: signal, logger: Logger(label: "miz.requests.outbox"))
        let routes = RequestsRoutes(store: store, upstream: upstream, signal: signal)
        var services: [any Service] = [relay]
        if let vault {
            services.append(DocumentSweeper(vault: vault, store: store))
        }
        host.logger.info(
            "requests open",
            metadata: [
                "miz.requests.database": "\(location)", "miz.requests.documents": "\(vault?.path ?? "database")",
            ])
        do {
            try await host.run(opsPort: defaultOpsPort, isStorageReady: { await store.isReady() }, services: services) {
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
