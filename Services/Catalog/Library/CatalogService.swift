import Foundation
import Logging
import MizBus
import MizPostgres
import MizRuntime

/// The `catalog` process. Serves the catalog of services and their profiles (شناسنامه خدمت).
///
/// It joins the bus as the `catalog` service; its routes are registered here, beside the
/// `catalog.ping` every service answers. Its data is one SQLite file, `catalog.sqlite` in the
/// data folder, or with `--database-url` the `catalog` schema of a PostgreSQL database; either
/// is migrated at start and seeded with the organization's services when empty.
package enum CatalogService {
    /// The MDP service name the broker routes `catalog.*` calls to.
    package static let serviceName = "catalog"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "catalog"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9102
    /// The database file's name inside the data folder.
    package static let databaseFileName = "catalog.sqlite"
    /// The PostgreSQL schema of the catalog's tables, unless the URL names another.
    package static let schemaName = "catalog"

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions, database: DatabaseOptions = DatabaseOptions()) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        try await database.withStore(
            sqlitePath: { try options.dataFolder().appendingPathComponent(databaseFileName).path },
            openSQLite: { path -> any CatalogStore in try SQLiteCatalogStore(path: path) },
            schema: schemaName, logLabel: "miz.catalog.postgres",
            openPostgres: { database -> any CatalogStore in
                let store = PostgresCatalogStore(database: database)
                try await store.migrate()
                return store
            }
        ) { store, location in
            try await serve(host: host, store: store, location: location)
        }
    }

    /// Seeds the store when empty, then serves the routes over it until shutdown.
    private static func serve(host: ServiceHost, store: any CatalogStore, location: String) async throws {
        let (routes, seeded) = try await CatalogRoutes.open(store: store, seed: try SeedCatalog.bundled())
        let index = try await routes.index.current()
        host.logger.info(
            "catalog open",
            metadata: [
                "miz.catalog.database": "\(location)", "miz.catalog.seeded": "\(seeded)",
                "miz.catalog.revision": "\(index.revision)",
            ])
        try await host.run(opsPort: defaultOpsPort, isStorageReady: { await store.isReady() }) { worker in
            routes.register(on: worker)
        }
    }
}
