import Feedback
import Foundation
import MizPersian
import MizPostgres
import MizRuntime
import MizSchema
import MizStorageTesting
import Synchronization

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(days: Double) {
        current.withLock { $0 = $0.addingTimeInterval(days * 86_400) }
    }
}

/// The requests service's ownership answers, in memory, with its rules: the tracking code or
/// the logged-in applicant proves ownership; staff of the province may read; anything else is
/// `notFound` (or `forbidden` for staff of another province).
final class InMemoryOwnershipLookup: RequestOwnershipLookup {
    struct Entry: Sendable {
        var ownership: RequestOwnership
        var trackingCode: String
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let calls = Mutex(0)

    /// How many lookups were made.
    var callCount: Int { calls.withLock { $0 } }

    /// Adds a request and returns its ownership facts.
    @discardableResult
    func add(
        processNumber: String, trackingCode: String, province: String = "tehran",
        serviceCode: String = "grazing-licence",
        applicant: String = "0012345679", mobile: String = "09121234567", status: RequestStatus = .approved,
        submittedAt: Date, dueAt: Date
    ) -> RequestOwnership {
        let ownership = RequestOwnership(
            requestId: "req-\(processNumber)", processNumber: processNumber, serviceCode: serviceCode,
            province: province, applicantNationalCode: applicant, applicantMobile: mobile, status: status,
            submittedAt: submittedAt, decidedAt: status.isDecision ? submittedAt.addingTimeInterval(86_400) : nil,
            dueAt: dueAt)
        entries.withLock { $0[processNumber] = Entry(ownership: ownership, trackingCode: trackingCode) }
        return ownership
    }

    func ownership(_ query: RequestOwnershipQuery, caller: Caller) async throws -> RequestOwnership {
        calls.withLock { $0 += 1 }
        guard let entry = entries.withLock({ $0[PersianDigits.latin(query.processNumber)] }) else {
            throw BusError(.notFound)
        }
        if let code = query.trackingCode {
            guard code == entry.trackingCode else { throw BusError(.notFound) }
            return entry.ownership
        }
        switch caller.kind {
        case .citizen where caller.nationalCode == entry.ownership.applicantNationalCode:
            return entry.ownership
        case .staff where caller.role == .administrator || (caller.provinces ?? []).contains(entry.ownership.province):
            return entry.ownership
        case .staff:
            throw BusError(.forbidden)
        default:
            throw BusError(.notFound)
        }
    }
}

/// A feedback service over a real store (SQLite in its own temporary folder, or a fresh
/// PostgreSQL schema), with an in-memory ownership lookup and a clock the test moves.
struct FeedbackFixture {
    let folder: URL
    let store: any FeedbackStore
    let lookup = InMemoryOwnershipLookup()
    let clock = TestClock()
    let signal = WakeSignal()
    let routes: FeedbackRoutes
    /// Where the store's data is, for opening a second store over it.
    let backing: Backing

    /// The data behind the fixture's store.
    enum Backing: Sendable {
        case sqlite(path: String)
        case postgres(ServiceDatabase)
    }

    /// A fixture over SQLite; call `remove()` when done.
    init(policy: FeedbackPolicy = FeedbackPolicy()) throws {
        let folder = Self.makeFolder()
        let path = folder.appendingPathComponent(SQLiteFeedbackStore.fileName).path
        try self.init(
            folder: folder, store: try SQLiteFeedbackStore(path: path), backing: .sqlite(path: path), policy: policy)
    }

    private init(folder: URL, store: any FeedbackStore, backing: Backing, policy: FeedbackPolicy) throws {
        self.folder = folder
        self.store = store
        self.backing = backing
        let clock = self.clock
        routes = FeedbackRoutes(
            store: store, ownership: lookup, policy: policy,
            challenger: try MessageChallenger.loadingKey(from: folder), signal: signal, now: { clock.now })
    }

    /// Runs `body` over a fresh fixture on `kind`'s back end and removes it afterwards.
    static func with(
        _ kind: StoreKind, policy: FeedbackPolicy = FeedbackPolicy(), _ body: (FeedbackFixture) async throws -> Void
    ) async throws {
        switch kind {
        case .sqlite:
            let fixture = try FeedbackFixture(policy: policy)
            defer { fixture.remove() }
            try await body(fixture)
        case .postgres:
            try await TestDatabase.withFreshSchema { database in
                let store = PostgresFeedbackStore(database: database)
                try await store.migrate()
                let fixture = try FeedbackFixture(
                    folder: makeFolder(), store: store, backing: .postgres(database), policy: policy)
                defer { fixture.remove() }
                try await body(fixture)
            }
        }
    }

    /// Runs `body` with a second store over the same data, as another feedback instance has:
    /// its own SQLite connection pool, or its own PostgreSQL pool.
    func withSecondStore(_ body: (any FeedbackStore) async throws -> Void) async throws {
        switch backing {
        case .sqlite(let path):
            try await body(try SQLiteFeedbackStore(path: path))
        case .postgres(let database):
            try await ServiceDatabase.withRunning(try TestDatabase.secondPool(database)) { second in
                let store = PostgresFeedbackStore(database: second)
                try await store.migrate()
                try await body(store)
            }
        }
    }

    private static func makeFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-feedback-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A decided request of Tehran (approved yesterday), owned by the first demo citizen.
    @discardableResult
    func decidedRequest(
        _ processNumber: String = "1405-23-000123", trackingCode: String = "K7P2-9QXM", province: String = "tehran",
        serviceCode: String = "grazing-licence", mobile: String = "09121234567"
    ) -> RequestOwnership {
        lookup.add(
            processNumber: processNumber, trackingCode: trackingCode, province: province, serviceCode: serviceCode,
            mobile: mobile, status: .approved, submittedAt: clock.now.addingTimeInterval(-10 * 86_400),
            dueAt: clock.now.addingTimeInterval(5 * 86_400))
    }
}

/// The callers tests act as.
enum Callers {
    static let anonymous = Caller(kind: .anonymous, clientAddress: "198.51.100.7")
    static let citizen = Caller(kind: .citizen, nationalCode: "0012345679", clientAddress: "198.51.100.8")
    static let otherCitizen = Caller(kind: .citizen, nationalCode: "0023456787")
    static let tehranOfficial = Caller(kind: .staff, staffId: "official-tehran", role: .official, provinces: ["tehran"])
    static let farsOfficial = Caller(kind: .staff, staffId: "official-fars", role: .official, provinces: ["fars"])
    static let administrator = Caller(kind: .staff, staffId: "admin-1", role: .administrator, provinces: [])
}

/// Answers that pass validation.
func goodAnswers(satisfaction: Int = 4, comment: String? = nil) -> SurveyAnswers {
    SurveyAnswers(satisfaction: satisfaction, onTime: true, explanationClear: false, comment: comment)
}
