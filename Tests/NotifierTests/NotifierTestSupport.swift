import Foundation
import Logging
import MizPostgres
import MizRuntime
import MizSchema
import MizStorageTesting
import Notifier

/// A notifier over a real store (SQLite in a temporary folder, or a fresh PostgreSQL schema),
/// with routes and a relay over a provider; the file provider writes in a temporary folder.
struct NotifierFixture: Sendable {
    let folder: URL
    let store: any NotifierStore
    let signal = WakeSignal()
    let routes: NotifierRoutes
    let relay: DeliveryRelay
    let fileProvider: FileSMSProvider
    /// Where the store's data is, for opening a second store over it.
    private let backing: Backing

    /// The data behind the fixture's store.
    private enum Backing: Sendable {
        case sqlite(path: String)
        case postgres(ServiceDatabase)
    }

    private init(
        folder: URL, store: any NotifierStore, backing: Backing, provider: (any SMSProvider)?, hourlyLimit: Int,
        development: Bool,
        policy: RelayPolicy
    ) {
        self.folder = folder
        self.store = store
        self.backing = backing
        fileProvider = FileSMSProvider(path: folder.appendingPathComponent(FileSMSProvider.fileName).path)
        routes = NotifierRoutes(store: store, signal: signal, hourlyLimit: hourlyLimit, isDevelopment: development)
        relay = DeliveryRelay(store: store, provider: provider ?? fileProvider, policy: policy, signal: signal)
    }

    /// Runs `body` over a fresh notifier on `kind`'s back end and removes it afterwards.
    static func with(
        _ kind: StoreKind, provider: (any SMSProvider)? = nil, hourlyLimit: Int = 10, development: Bool = true,
        policy: RelayPolicy = RelayPolicy(initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(50)),
        _ body: (NotifierFixture) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-notifier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func fixture(_ store: any NotifierStore, _ backing: Backing) -> NotifierFixture {
            NotifierFixture(
                folder: folder, store: store, backing: backing, provider: provider, hourlyLimit: hourlyLimit,
                development: development,
                policy: policy)
        }
        switch kind {
        case .sqlite:
            let path = folder.appendingPathComponent(SQLiteNotifierStore.fileName).path
            try await body(fixture(try SQLiteNotifierStore(path: path), .sqlite(path: path)))
        case .postgres:
            try await TestDatabase.withFreshSchema { database in
                let store = PostgresNotifierStore(database: database)
                try await store.migrate()
                try await body(fixture(store, .postgres(database)))
            }
        }
    }

    /// Runs `body` with a second store over the same data, as another notifier instance has:
    /// its own SQLite connection pool, or its own PostgreSQL pool (migrating again finds
    /// nothing to do).
    func withSecondStore(_ body: (any NotifierStore) async throws -> Void) async throws {
        switch backing {
        case .sqlite(let path):
            try await body(try SQLiteNotifierStore(path: path))
        case .postgres(let database):
            try await ServiceDatabase.withRunning(try TestDatabase.secondPool(database)) { second in
                let store = PostgresNotifierStore(database: second)
                try await store.migrate()
                try await body(store)
            }
        }
    }

    /// Sends as the requests service would.
    func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt {
        try await routes.send(request, logger: Logger(label: "notifier-tests"))
    }

    /// Waits (polling, test code only) until the event's message leaves queued/sending.
    func settled(_ eventId: String, within limit: Duration = .seconds(30)) async throws -> NotifierReceipt {
        let deadline = ContinuousClock.now + limit
        while true {
            let receipt = try await routes.status(NotifierStatusRequest(eventId: eventId))
            if receipt.status == .delivered || receipt.status == .failed || ContinuousClock.now > deadline {
                return receipt
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A received-request message for `eventId`.
func receivedRequest(_ eventId: String, to recipient: String = "09121234567") -> NotifierSendRequest {
    NotifierSendRequest(
        eventId: eventId, recipient: recipient, template: .requestReceived,
        parameters: ["processNumber": "1405-23-000123", "trackingCode": "K7P2-9QXM"])
}
