import Catalog
import Foundation
import GRDB
import IdentityVerifier
import Logging
import MizPostgres
import MizRuntime
import MizSchema
import MizStorageTesting
import Notifier
import PostgresNIO
import Requests
import Synchronization

/// The other services of the desk as their real libraries, called in process: the seeded
/// catalog, the embedded civil registry, and the notifier with its file provider, which a
/// test can switch off as if its process were down.
final class InProcessUpstream: RequestsUpstream {
    let catalog: CatalogRoutes
    let identity: IdentityRoutes
    let notifier: NotifierRoutes
    private let notifierUp = Mutex(true)
    private let sendCalls = Mutex(0)
    private let sentEvents = Mutex<[String]>([])
    private let profileCalls = Mutex(0)

    init(catalog: CatalogRoutes, identity: IdentityRoutes, notifier: NotifierRoutes) {
        self.catalog = catalog
        self.identity = identity
        self.notifier = notifier
    }

    /// Starts or stops the notifier.
    func setNotifierUp(_ up: Bool) { notifierUp.withLock { $0 = up } }

    /// `notifier.send` calls made, answered or not.
    var sends: Int { sendCalls.withLock { $0 } }

    /// The event ids of the `notifier.send` calls made while the notifier was up, in order.
    var sentEventIds: [String] { sentEvents.withLock { $0 } }

    /// `catalog.profile` calls made.
    var profileLookups: Int { profileCalls.withLock { $0 } }

    func profile(code: String) async throws -> ServiceProfile {
        profileCalls.withLock { $0 += 1 }
        return try await catalog.profile(CatalogProfileRequest(code: code), caller: .service("requests"))
    }

    func verifyApplicant(_ request: IdentityVerifyRequest) async throws -> IdentityVerification {
        try await identity.verifyApplicant(request, logger: Logger(label: "requests-tests.identity"))
    }

    func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt {
        sendCalls.withLock { $0 += 1 }
        guard notifierUp.withLock({ $0 }) else {
            throw BusError(.unavailable, message: "no notifier worker")
        }
        sentEvents.withLock { $0.append(request.eventId) }
        return try await notifier.send(request, logger: Logger(label: "requests-tests.notifier"))
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A requests service over a real store (SQLite in a temporary folder, or a fresh PostgreSQL
/// schema), with the real catalog, identity verifier and notifier libraries behind it over
/// SQLite files in the same folder.
struct RequestsFixture {
    let folder: URL
    let store: any RequestStore
    let signal = WakeSignal()
    let upstream: InProcessUpstream
    let routes: RequestsRoutes
    let relay: OutboxRelay
    let notifierStore: SQLiteNotifierStore
    let notifierRelay: DeliveryRelay
    let smsFile: FileSMSProvider
    let clock: TestClock
    /// Where the store's data is, for opening a second store over it.
    let backing: Backing
    /// The documents folder of the store, when documents go to a folder.
    let vault: DocumentFolder?

    /// The data behind the fixture's store.
    enum Backing: Sendable {
        case sqlite(path: String)
        case postgres(ServiceDatabase)
    }

    /// A fixture over SQLite, with documents in `documents/` of its folder when
    /// `documentsInFolder`; call `remove()` when done.
    init(
        limiter: TrackingRateLimiter = TrackingRateLimiter(burst: 1000, perMinute: 1000),
        clock: TestClock = TestClock(),
        documentsInFolder: Bool = false
    ) async throws {
        let folder = Self.makeFolder()
        let path = folder.appendingPathComponent(SQLiteRequestStore.fileName).path
        let vault = documentsInFolder ? try Self.documentFolder(in: folder) : nil
        try await self.init(
            folder: folder, store: try SQLiteRequestStore(path: path, vault: vault), backing: .sqlite(path: path),
            vault: vault, limiter: limiter, clock: clock)
    }

    private init(
        folder: URL, store: any RequestStore, backing: Backing, vault: DocumentFolder?, limiter: TrackingRateLimiter,
        clock: TestClock
    ) async throws {
        self.folder = folder
        self.clock = clock
        self.store = store
        self.backing = backing
        self.vault = vault
        let catalogStore = try SQLiteCatalogStore(path: folder.appendingPathComponent("catalog.sqlite").path)
        let (catalog, _) = try await CatalogRoutes.open(
            store: catalogStore, seed: try SeedCatalog.bundled(), refreshInterval: .zero)
        let registry = try EmbeddedRegistry(path: folder.appendingPathComponent(EmbeddedRegistry.fileName).path)
        _ = try await registry.populate(count: 50, seed: 7)
        notifierStore = try SQLiteNotifierStore(path: folder.appendingPathComponent(SQLiteNotifierStore.fileName).path)
        smsFile = FileSMSProvider(path: folder.appendingPathComponent(FileSMSProvider.fileName).path)
        let notifierSignal = WakeSignal()
        let notifier = NotifierRoutes(
            store: notifierStore, signal: notifierSignal, hourlyLimit: 10_000, isDevelopment: true)
        notifierRelay = DeliveryRelay(
            store: notifierStore, provider: smsFile, policy: RelayPolicy(), signal: notifierSignal)
        upstream = InProcessUpstream(catalog: catalog, identity: IdentityRoutes(registry: registry), notifier: notifier)
        routes = RequestsRoutes(
            store: store, upstream: upstream, signal: signal, limiter: limiter,
            profiles: ProfileCache(now: { clock.now }), now: { clock.now })
        relay = Self.relay(store: store, upstream: upstream, signal: signal, clock: clock)
    }

    /// Runs `body` over a fresh fixture on `kind`'s back end and removes it afterwards; with
    /// `documentsInFolder`, documents go to `documents/` of the fixture's folder.
    static func with(
        _ kind: StoreKind,
        limiter: TrackingRateLimiter = TrackingRateLimiter(burst: 1000, perMinute: 1000),
        clock: TestClock = TestClock(),
        documentsInFolder: Bool = false,
        _ body: (RequestsFixture) async throws -> Void
    ) async throws {
        switch kind {
        case .sqlite:
            let fixture = try await RequestsFixture(
                limiter: limiter, clock: clock, documentsInFolder: documentsInFolder)
            defer { fixture.remove() }
            try await body(fixture)
        case .postgres:
            try await TestDatabase.withFreshSchema { database in
                let folder = makeFolder()
                let vault = documentsInFolder ? try documentFolder(in: folder) : nil
                let store = PostgresRequestStore(database: database, vault: vault)
                try await store.migrate()
                let fixture = try await RequestsFixture(
                    folder: folder, store: store, backing: .postgres(database), vault: vault, limiter: limiter,
                    clock: clock)
                defer { fixture.remove() }
                try await body(fixture)
            }
        }
    }

    /// Runs `body` with a second store over the same data, as another requests instance has:
    /// its own SQLite connection pool, or its own PostgreSQL pool (migrating again finds
    /// nothing to do), with its own handle on the fixture's documents folder when
    /// `documentsInFolder` is true (by default: when the fixture's store has one).
    func withSecondStore(
        documentsInFolder: Bool? = nil, _ body: (any RequestStore) async throws -> Void
    ) async throws {
        let secondVault = documentsInFolder ?? (vault != nil) ? try Self.documentFolder(in: folder) : nil
        switch backing {
        case .sqlite(let path):
            try await body(try SQLiteRequestStore(path: path, vault: secondVault))
        case .postgres(let database):
            try await ServiceDatabase.withRunning(try TestDatabase.secondPool(database)) { second in
                let store = PostgresRequestStore(database: second, vault: secondVault)
                try await store.migrate()
                try await body(store)
            }
        }
    }

    /// The documents folder of a fixture in `folder`.
    static func documentFolder(in folder: URL) throws -> DocumentFolder {
        try DocumentFolder(path: folder.appendingPathComponent("documents").path)
    }

    /// An outbox relay over `store` on the fixture's clock, as each instance runs one.
    static func relay(store: any RequestStore, upstream: InProcessUpstream, signal: WakeSignal, clock: TestClock)
        -> OutboxRelay
    {
        OutboxRelay(
            store: store, upstream: upstream,
            policy: OutboxPolicy(initialBackoff: .seconds(5), maximumBackoff: .seconds(60), lease: .seconds(30)),
            signal: signal, now: { clock.now })
    }

    /// Every row of the store's `table` as text, whatever the back end, for looking for values
    /// that must not be kept.
    func rowsAsText(of table: String) async throws -> [String] {
        switch backing {
        case .sqlite(let path):
            let queue = try DatabaseQueue(path: path)
            return try await queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { row in
                    row.compactMap { _, value in String.fromDatabaseValue(value) }.joined(separator: "|")
                }
            }
        case .postgres(let database):
            return try await database.withConnection { connection in
                var rows: [String] = []
                for try await text in try await connection.query(
                    "SELECT t::text FROM \(unescaped: table) t", logger: Logger(label: "requests-tests")
                ).decode(String.self) {
                    rows.append(text)
                }
                return rows
            }
        }
    }

    /// Where each document row of the store keeps its bytes, by document id: `storage` and
    /// whether the row itself holds content.
    func documentStorage() async throws -> [String: (storage: String, inRow: Bool)] {
        switch backing {
        case .sqlite(let path):
            let queue = try DatabaseQueue(path: path)
            return try await queue.read { db in
                var found: [String: (storage: String, inRow: Bool)] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, storage, content IS NOT NULL AS inRow FROM document")
                {
                    found[row["id"]] = (row["storage"], row["inRow"])
                }
                return found
            }
        case .postgres(let database):
            let rows = try await database.withConnection { connection in
                var rows: [[String]] = []
                for try await (id, storage, inRow) in try await connection.query(
                    "SELECT id, storage, content IS NOT NULL FROM document", logger: Logger(label: "requests-tests")
                ).decode((String, String, Bool).self) {
                    rows.append([id, storage, inRow ? "1" : "0"])
                }
                return rows
            }
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], (storage: $0[1], inRow: $0[2] == "1")) })
        }
    }

    private static func makeFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-requests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The current profile of a seeded service.
    func profile(_ code: String) async throws -> ServiceProfile {
        try await upstream.profile(code: code)
    }

    /// Submits as `citizen`, returning the receipt.
    func submit(
        _ submission: RequestSubmission, files: [Data], as caller: Caller = Citizens.ali.caller,
        key: String? = nil
    ) async throws -> RequestReceipt {
        try await routes.submit(
            submission, caller: caller, idempotencyKey: key, attachments: files,
            logger: Logger(label: "requests-tests"))
    }

    /// A valid submission of `code` in `province` by `citizen`, with its files.
    func valid(
        _ code: String = "forest-seedling-request", province: String = "tehran", citizen: Citizen = Citizens.ali
    ) async throws -> (RequestSubmission, [Data]) {
        let profile = try await profile(code)
        var fields: [String: String] = [:]
        for field in profile.fields where field.required {
            fields[field.code] =
                switch field.datatype {
                case .string: "نمونه"
                case .text: "توضیح کوتاه"
                case .number: "۱۲"
                case .datetime: "۱۴۰۵/۰۲/۱۰"
                case .singlevaluelist, .multivaluelist: field.values?.first?.key ?? ""
                }
        }
        var uploads: [DocumentUpload] = []
        var files: [Data] = []
        for document in profile.documents where document.mandatory {
            let type = document.acceptedTypes.first ?? .pdf
            uploads.append(
                DocumentUpload(
                    key: document.key, fileName: "\(document.key).\(type.fileExtensions[0])", attachment: files.count))
            files.append(Samples.file(type))
        }
        return (
            RequestSubmission(
                serviceCode: code, province: province, applicant: citizen.verifyRequest, fields: fields,
                documents: uploads),
            files
        )
    }

    /// Submits a valid request and returns its receipt.
    func submitValid(
        _ code: String = "forest-seedling-request", province: String = "tehran", citizen: Citizen = Citizens.ali,
        key: String? = nil
    ) async throws -> RequestReceipt {
        let (submission, files) = try await valid(code, province: province, citizen: citizen)
        return try await submit(submission, files: files, as: citizen.caller, key: key)
    }

    /// Every request the store holds, seen by an administrator.
    func allRequests() async throws -> Inbox {
        try await routes.inbox(InboxQuery(pageSize: 100), caller: Staff.administrator)
    }
}

/// A demo citizen of the embedded registry.
struct Citizen: Sendable {
    let verifyRequest: IdentityVerifyRequest

    var caller: Caller { Caller(kind: .citizen, nationalCode: verifyRequest.nationalCode, clientAddress: "10.0.0.1") }
}

enum Citizens {
    static let ali = Citizen(
        verifyRequest: IdentityVerifyRequest(
            nationalCode: "0012345679", birthDate: "1370/05/12", firstName: "علی", lastName: "رضایی",
            mobile: "09121234567"))
    static let fatemeh = Citizen(
        verifyRequest: IdentityVerifyRequest(
            nationalCode: "0023456787", birthDate: "1365/12/29", firstName: "فاطمه", lastName: "محمدی",
            mobile: "09351234567"))
}

/// Staff callers.
enum Staff {
    static let tehran = Caller(kind: .staff, staffId: "official-tehran", role: .official, provinces: ["tehran"])
    static let tehran2 = Caller(kind: .staff, staffId: "official-tehran-2", role: .official, provinces: ["tehran"])
    static let fars = Caller(kind: .staff, staffId: "official-fars", role: .official, provinces: ["fars"])
    static let administrator = Caller(kind: .staff, staffId: "admin", role: .administrator, provinces: [])
}

/// Small files with real magic bytes.
enum Samples {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let png = Data(
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 1])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0xFF, 0xD9])
    static let dwg = Data(Array("AC1032".utf8) + [0, 0, 0, 0, 0, 0x01])
    static let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 56))

    static func file(_ type: DocumentFileType) -> Data {
        switch type {
        case .pdf: pdf
        case .png: png
        case .jpeg: jpeg
        case .dwg: dwg
        case .tiff: Data([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0])
        case .kml: Data("<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"></kml>".utf8)
        }
    }
}
