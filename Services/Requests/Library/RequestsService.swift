import Foundation
import Logging
import MizBus
import MizRuntime

/// The `requests` process. Serves citizens' requests, their documents and the provinces' inboxes (کارتابل).
///
/// It joins the bus as the `requests` service; its routes are registered here, beside the
/// `requests.ping` every service answers. Its data is one SQLite file, `requests.sqlite` in
/// the data folder; the outbox relay, a service of the same process, hands its SMS events to
/// the notifier.
package enum RequestsService {
    /// The MDP service name the broker routes `requests.*` calls to.
    package static let serviceName = "requests"
    /// The executable's name, also the name of its CURVE keys.
    package static let processName = "requests"
    /// The ops port (health, metrics) of a local run.
    package static let defaultOpsPort = 9103

    /// Runs the service until SIGTERM or SIGINT.
    package static func run(options: RuntimeOptions) async throws {
        let host = ServiceHost(service: serviceName, processName: processName, options: options)
        let path = try options.dataFolder().appendingPathComponent(SQLiteRequestStore.fileName).path
        let store = try SQLiteRequestStore(path: path)
        let client = try host.makeClient()
        let upstream = BusRequestsUpstream(client: client)
        let signal = OutboxSignal()
        let relay = OutboxRelay(
            store: store, upstream: upstream, signal: signal, logger: Logger(label: "miz.requests.outbox"))
        let routes = RequestsRoutes(store: store, upstream: upstream, signal: signal)
        host.logger.info("requests open", metadata: ["miz.requests.database": "\(path)"])
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
