import Foundation
import Logging
import MizBus
import MizRuntime

/// The `catalog` process. Serves the catalog of services and their profiles (شناسنامه خدمت).
///
/// It joins the bus as the `catalog` service; its routes are registered here, beside the
/// `catalog.ping` every service answers. Its data is one SQLite file, `catalog.sqlite` in the
/// data folder, migrated at start and seeded with the organization's services when empty.
package enum CatalogService {
    /// The MDP service name the broker routes `catalog.*` calls to.
    package static let serviceName = "catalog"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "catalog"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9102
    /// The database file's name inside the data folder.
    package static let databaseFileName = "catalog.sqlite"

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let path = try options.dataFolder().appendingPathComponent(databaseFileName).path
        let store = try SQLiteCatalogStore(path: path)
        let (routes, seeded) = try await CatalogRoutes.open(store: store, seed: try SeedCatalog.bundled())
        let index = try await routes.index.current()
        host.logger.info(
            "catalog open",
            metadata: [
                "miz.catalog.database": "\(path)", "miz.catalog.seeded": "\(seeded)",
                "miz.catalog.revision": "\(index.revision)",
            ])
        try await host.run(opsPort: defaultOpsPort, isStorageReady: { await store.isReady() }) { worker in
            routes.register(on: worker)
        }
    }
}
