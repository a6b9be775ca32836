import Broker
import Catalog
import Crypto
import Feedback
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityVerifier
import Logging
import MizBus
import MizRuntime
import MizSchema
import NIOCore
import Requests

/// An in-process desk for the catalog API's tests: a broker on a free port, the real
/// `catalog` worker over a SQLite file in a temporary folder (seeded with the organization's
/// services), optionally the real `identity`, `requests` and `feedback` workers beside it, a bus
/// client and the gateway's application built as the `gateway` process builds it.
struct CatalogAPIDesk {
    let client: BusClient
    let app: any ApplicationProtocol

    /// An administrator, for edits through the bus.
    static let administrator = Caller(kind: .staff, staffId: "admin-1", role: .administrator, provinces: [])

    /// Runs `body` against a fresh desk and takes it down afterwards; `withCatalog: false`
    /// leaves the catalog's worker out, as when no instance is running; `withServices`
    /// adds the real identity, requests and feedback workers, so every documented operation gets
    /// its service's own answer rather than waiting for the broker to give up.
    static func run(
        withCatalog: Bool = true, withServices: Bool = false,
        _ body: @Sendable (CatalogAPIDesk) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteCatalogStore(path: folder.appendingPathComponent(CatalogService.databaseFileName).path)
        let (catalog, _) = try await CatalogRoutes.open(store: store, seed: try SeedCatalog.bundled())
        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .seconds(3))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        let worker = try BusWorker(.init(service: CatalogService.serviceName, brokers: [endpoint], concurrency: 4))
        catalog.register(on: worker)
        let workerTask = Task { if withCatalog { await worker.run() } }
        let client = try BusClient(.init(brokers: [endpoint]))
        for _ in 0..<200 where withCatalog {
            if (try? await client.isServiceAvailable(CatalogService.serviceName)) == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let serviceWorkers =
            withServices
            ? try await Self.services(in: folder, endpoint: endpoint, client: client) : []
        let serviceTasks = serviceWorkers.map { worker in Task { await worker.run() } }
        for service in ["identity", RequestsService.serviceName, FeedbackService.serviceName] where withServices {
            for _ in 0..<200 where (try? await client.isServiceAvailable(service)) != true {
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        let app = GatewayService.buildApplication(
            client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
        let desk = CatalogAPIDesk(client: client, app: app)
        var failure: (any Error)?
        do { try await body(desk) } catch { failure = error }
        for worker in serviceWorkers + [worker] { worker.shutdown() }
        for task in serviceTasks + [workerTask] { await task.value }
        await client.shutdown()
        broker.shutdown()
        _ = try? await brokerTask.value
        if let failure { throw failure }
    }

    /// The real identity (an embedded registry, login codes kept in memory), requests and
    /// feedback workers over SQLite files in `folder`, registered and not yet running; the
    /// feedback service looks ownership up in the requests service over the bus.
    private static func services(in folder: URL, endpoint: String, client: BusClient) async throws
        -> [BusWorker]
    {
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let registry = try EmbeddedRegistry(path: path(EmbeddedRegistry.fileName))
        try await registry.populate(count: 10, seed: 3)
        let authStore = try SQLiteAuthStore(path: path(SQLiteAuthStore.fileName))
        let key = SigningKey(secret: SymmetricKey(size: .bits256))
        let policy = AuthPolicy()
        let now: @Sendable () -> Date = { Date() }
        let sessions = SessionAuthority(store: authStore, key: key, policy: policy, now: now)
        let staff = await StaffAccounts(
            store: authStore, sessions: sessions, hasher: PasswordHasher(cost: 4), policy: policy, now: now)
        let identity = try BusWorker(.init(service: "identity", brokers: [endpoint], concurrency: 4))
        AuthRoutes(
            citizens: CitizenLogin(
                registry: registry, store: authStore, sender: CodeInbox(), sessions: sessions, key: key,
                policy: policy, now: now),
            staff: staff, sessions: sessions
        ).register(on: identity)
        IdentityRoutes(registry: registry, limits: (authStore, policy)).register(on: identity)
        let requests = try BusWorker(.init(service: RequestsService.serviceName, brokers: [endpoint], concurrency: 4))
        RequestsRoutes(
            store: try SQLiteRequestStore(path: path(SQLiteRequestStore.fileName)),
            upstream: BusRequestsUpstream(client: client), signal: WakeSignal()
        ).register(on: requests)
        let feedback = try BusWorker(.init(service: FeedbackService.serviceName, brokers: [endpoint], concurrency: 4))
        FeedbackRoutes(
            store: try SQLiteFeedbackStore(path: path(SQLiteFeedbackStore.fileName)),
            ownership: BusRequestOwnershipLookup(client: client), policy: FeedbackPolicy(),
            challenger: try MessageChallenger.loadingKey(from: folder), signal: WakeSignal(), now: { Date() }
        ).register(on: feedback)
        return [identity, requests, feedback]
    }

    /// Runs `body` with a test client of the gateway's router.
    func http(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }
}

/// A response as the tests look at it.
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Data

    /// The body decoded as `T` with the API's dates.
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: body)
    }

    /// The error body.
    var error: BusError? {
        try? decode(HTTPErrorMapping.Body.self).error
    }

    /// The body as a JSON object.
    var object: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

extension TestClientProtocol {
    /// A GET of `uri` with optional headers, its response collected.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> APIResponse {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            APIResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }
}

/// `text` percent-encoded for a query value.
func queryValue(_ text: String) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?#")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
