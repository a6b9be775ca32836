import Broker
import Catalog
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import MizBus
import MizSchema

/// An in-process desk for the web page tests: a broker, the real catalog worker over a
/// SQLite file in a temporary folder (seeded with the organization's services), a bus
/// client, and the gateway's application built over it.
struct WebPagesHarness {
    /// Runs `body` against the gateway's router; with `catalog: false` no catalog worker runs.
    static func run(
        catalog: Bool = true,
        _ body: @Sendable (any TestClientProtocol, BusClient) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .milliseconds(300))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        var worker: BusWorker?
        var workerTask: Task<Void, Never>?
        if catalog {
            let store = try SQLiteCatalogStore(path: folder.appendingPathComponent("catalog.sqlite").path)
            let (routes, _) = try await CatalogRoutes.open(store: store, seed: try SeedCatalog.bundled())
            let catalogWorker = try BusWorker(
                .init(service: CatalogService.serviceName, brokers: [endpoint], concurrency: 4))
            routes.register(on: catalogWorker)
            worker = catalogWorker
            workerTask = Task { await catalogWorker.run() }
        }
        let client = try BusClient(.init(brokers: [endpoint]))
        if catalog {
            for _ in 0..<200 where (try? await client.isServiceAvailable(CatalogService.serviceName)) != true {
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        do {
            let app = GatewayService.buildApplication(
                client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "web-test"))
            try await app.test(.router) { http in try await body(http, client) }
        } catch {
            await stop(worker: worker, workerTask: workerTask, client: client, broker: broker, brokerTask: brokerTask)
            throw error
        }
        await stop(worker: worker, workerTask: workerTask, client: client, broker: broker, brokerTask: brokerTask)
    }

    private static func stop(
        worker: BusWorker?, workerTask: Task<Void, Never>?, client: BusClient, broker: BrokerServer,
        brokerTask: Task<Void, any Error>
    ) async {
        worker?.shutdown()
        await workerTask?.value
        await client.shutdown()
        broker.shutdown()
        _ = try? await brokerTask.value
    }
}
