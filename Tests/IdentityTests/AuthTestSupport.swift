import Crypto
import Foundation
import IdentityVerifier
import Logging
import MizPostgres
import MizSchema
import MizStorageTesting
import PostgresNIO
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Records the codes the login would have sent by SMS (the notifier is tested on its own).
final class RecordingSender: LoginCodeSender {
    struct Sent: Sendable, Equatable {
        var code: String
        var mobile: String
        var eventId: String
    }

    private let sent = Mutex<[Sent]>([])
    private let waiters = Mutex<[CheckedContinuation<Void, Never>]>([])

    var messages: [Sent] { sent.withLock { $0 } }

    func send(code: String, to mobile: String, eventId: String) async throws {
        sent.withLock { $0.append(Sent(code: code, mobile: mobile, eventId: eventId)) }
        for waiter in waiters.withLock({ w in
            defer { w.removeAll() }; return w
        }) { waiter.resume() }
    }

    /// The newest message once at least `count` were sent.
    func message(number count: Int) async -> Sent {
        while messages.count < count {
            await withCheckedContinuation { continuation in
                let ready = sent.withLock { $0.count >= count }
                if ready { continuation.resume() } else { waiters.withLock { $0.append(continuation) } }
            }
        }
        return messages[count - 1]
    }
}

/// The login, session and staff logic over a fresh store (SQLite beside the embedded
/// registry, or a fresh PostgreSQL schema) and the embedded registry.
struct AuthFixture {
    let registryFixture: RegistryFixture
    let store: any AuthStore
    let clock: TestClock
    let sender: RecordingSender
    let key: SigningKey
    let policy: AuthPolicy
    let routes: AuthRoutes
    let applicants: IdentityRoutes
    /// Where the store's data is, for reading it raw and for a second store over it.
    let backing: Backing

    /// The data behind the fixture's store.
    enum Backing: Sendable {
        case sqlite(path: String)
        case postgres(ServiceDatabase)
    }

    var folder: URL { registryFixture.folder }

    /// A fixture over SQLite; call `remove()` when done.
    init(policy: AuthPolicy = AuthPolicy()) async throws {
        let registryFixture = try await RegistryFixture(population: 200)
        let path = registryFixture.folder.appendingPathComponent(SQLiteAuthStore.fileName).path
        try await self.init(
            registryFixture: registryFixture, store: try SQLiteAuthStore(path: path), backing: .sqlite(path: path),
            policy: policy)
    }

    private init(registryFixture: RegistryFixture, store: any AuthStore, backing: Backing, policy: AuthPolicy)
        async throws
    {
        self.registryFixture = registryFixture
        self.store = store
        self.backing = backing
        self.policy = policy
        let clock = TestClock()
        let sender = RecordingSender()
        let key = SigningKey(secret: SymmetricKey(size: .bits256))
        self.clock = clock
        self.sender = sender
        self.key = key
        let now: @Sendable () -> Date = { clock.now }
        let sessions = SessionAuthority(store: store, key: key, policy: policy, now: now)
        routes = AuthRoutes(
            citizens: CitizenLogin(
                registry: registryFixture.registry, store: store, sender: sender, sessions: sessions, key: key,
                policy: policy, now: now),
            staff: await StaffAccounts(
                store: store, sessions: sessions, hasher: PasswordHasher(cost: 4), policy: policy, now: now),
            sessions: sessions)
        applicants = IdentityRoutes(registry: registryFixture.registry, limits: (store, policy), now: now)
    }

    /// Runs `body` over a fresh fixture on `kind`'s back end and removes it afterwards.
    static func with(
        _ kind: StoreKind, policy: AuthPolicy = AuthPolicy(), _ body: (AuthFixture) async throws -> Void
    ) async throws {
        switch kind {
        case .sqlite:
            let fixture = try await AuthFixture(policy: policy)
            defer { fixture.remove() }
            try await body(fixture)
        case .postgres:
            try await TestDatabase.withFreshSchema { database in
                let store = PostgresAuthStore(database: database)
                try await store.migrate()
                let fixture = try await AuthFixture(
                    registryFixture: try await RegistryFixture(population: 200), store: store,
                    backing: .postgres(database), policy: policy)
                defer { fixture.remove() }
                try await body(fixture)
            }
        }
    }

    /// Runs `body` with a second store over the same data, as another identity-verifier
    /// instance has: its own SQLite connection pool, or its own PostgreSQL pool.
    func withSecondStore(_ body: (any AuthStore) async throws -> Void) async throws {
        switch backing {
        case .sqlite(let path):
            try await body(try SQLiteAuthStore(path: path))
        case .postgres(let database):
            try await ServiceDatabase.withRunning(try TestDatabase.secondPool(database)) { second in
                let store = PostgresAuthStore(database: second)
                try await store.migrate()
                try await body(store)
            }
        }
    }

    func remove() { registryFixture.remove() }

    /// What the identity database holds, raw: the SQLite file and its write-ahead log as they
    /// lie on disk, or every row of every PostgreSQL table as PostgreSQL prints it.
    func databaseBytes() async throws -> Data {
        switch backing {
        case .sqlite(let path):
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            if let wal = FileManager.default.contents(atPath: path + "-wal") { bytes.append(wal) }
            return bytes
        case .postgres(let database):
            return try await database.withConnection { connection in
                var bytes = Data()
                for table in ["loginChallenge", "attempt", "lockout", "session", "staff", "audit"] {
                    for try await text in try await connection.query(
                        "SELECT t::text FROM \(unescaped: table) t", logger: Logger(label: "identity-tests")
                    ).decode(String.self) {
                        bytes.append(Data(text.utf8))
                    }
                }
                return bytes
            }
        }
    }
}

/// A caller that came through the gateway from `address`.
func visitor(_ address: String = "198.51.100.7") -> Caller {
    Caller(kind: .anonymous, clientAddress: address)
}
