import Crypto
import Foundation
import IdentityVerifier
import MizSchema
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

/// The login, session and staff logic over a fresh SQLite store and the embedded registry.
struct AuthFixture {
    let registryFixture: RegistryFixture
    let store: SQLiteAuthStore
    let clock: TestClock
    let sender: RecordingSender
    let key: SigningKey
    let policy: AuthPolicy
    let routes: AuthRoutes
    let applicants: IdentityRoutes

    var folder: URL { registryFixture.folder }

    init(policy: AuthPolicy = AuthPolicy()) async throws {
        registryFixture = try await RegistryFixture(population: 200)
        store = try SQLiteAuthStore(path: registryFixture.folder.appendingPathComponent(SQLiteAuthStore.fileName).path)
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

    func remove() { registryFixture.remove() }

    /// The bytes of the identity database as they lie on disk: the file and its write-ahead log.
    func databaseBytes() throws -> Data {
        let path = folder.appendingPathComponent(SQLiteAuthStore.fileName).path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { bytes.append(wal) }
        return bytes
    }
}

/// A caller that came through the gateway from `address`.
func visitor(_ address: String = "198.51.100.7") -> Caller {
    Caller(kind: .anonymous, clientAddress: address)
}

/// The `BusError` any call throws, or nil when it succeeds.
func failure<T>(_ body: () async throws -> T) async -> BusError? {
    do {
        _ = try await body()
        return nil
    } catch let error as BusError {
        return error
    } catch {
        return BusError(.internal, message: "\(error)")
    }
}
