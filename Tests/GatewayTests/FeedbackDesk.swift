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
import Notifier
import Requests
import Synchronization

/// An in-process desk for the feedback pages and API: a broker and the real catalog, identity,
/// notifier, requests and feedback workers over SQLite files in one temporary folder, the
/// requests and feedback services calling each other through the bus as in production, and
/// the gateway application over a bus client.
struct FeedbackDesk {
    let app: any ApplicationProtocol
    let client: BusClient
    /// The citizens' login codes, as the identity service sends them.
    let inbox: CodeInbox
    /// The feedback service's clock, which a test moves past due dates.
    let clock: ShiftedClock

    /// The demo citizen who owns the requests the tests make.
    static let ali = IdentityVerifyRequest(
        nationalCode: "0012345679", birthDate: "1370/05/12", firstName: "علی", lastName: "رضایی",
        mobile: "09121234567")
    static let aliCaller = Caller(kind: .citizen, nationalCode: "0012345679", clientAddress: "10.0.0.1")
    static let tehranOfficial = Caller(kind: .staff, staffId: "tehran1", role: .official, provinces: ["tehran"])
    /// A PDF small enough for any limit.
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    static func run(
        policy: FeedbackPolicy = FeedbackPolicy(), _ body: @Sendable (FeedbackDesk) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-fbweb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let logger = Logger(label: "feedback-web-test")

        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .seconds(3))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        let client = try BusClient(.init(brokers: [endpoint]))
        var workers: [BusWorker] = []
        func worker(_ service: String) throws -> BusWorker {
            let worker = try BusWorker(.init(service: service, brokers: [endpoint], concurrency: 4))
            workers.append(worker)
            return worker
        }

        let (catalog, _) = try await CatalogRoutes.open(
            store: try SQLiteCatalogStore(path: path("catalog.sqlite")), seed: try SeedCatalog.bundled())
        catalog.register(on: try worker(CatalogService.serviceName))

        let registry = try EmbeddedRegistry(path: path(EmbeddedRegistry.fileName))
        try await registry.populate(count: 50, seed: 3)
        let authStore = try SQLiteAuthStore(path: path(SQLiteAuthStore.fileName))
        let key = SigningKey(secret: SymmetricKey(size: .bits256))
        let authPolicy = AuthPolicy()
        let now: @Sendable () -> Date = { Date() }
        let sessions = SessionAuthority(store: authStore, key: key, policy: authPolicy, now: now)
        let staff = await StaffAccounts(
            store: authStore, sessions: sessions, hasher: PasswordHasher(cost: 4), policy: authPolicy, now: now)
        let inbox = CodeInbox()
        let identity = try worker("identity")
        AuthRoutes(
            citizens: CitizenLogin(
                registry: registry, store: authStore, sender: inbox, sessions: sessions, key: key,
                policy: authPolicy, now: now),
            staff: staff, sessions: sessions
        ).register(on: identity)
        IdentityRoutes(registry: registry, limits: (authStore, authPolicy)).register(on: identity)

        NotifierRoutes(
            store: try SQLiteNotifierStore(path: path(SQLiteNotifierStore.fileName)), signal: WakeSignal(),
            hourlyLimit: 10_000, isDevelopment: true
        ).register(on: try worker("notifier"))

        RequestsRoutes(
            store: try SQLiteRequestStore(path: path(SQLiteRequestStore.fileName)),
            upstream: BusRequestsUpstream(client: client), signal: WakeSignal(),
            limiter: TrackingRateLimiter(burst: 1000, perMinute: 1000)
        ).register(on: try worker("requests"))

        let clock = ShiftedClock()
        FeedbackRoutes(
            store: try SQLiteFeedbackStore(path: path(SQLiteFeedbackStore.fileName)),
            ownership: BusRequestOwnershipLookup(client: client), policy: policy,
            challenger: try MessageChallenger.loadingKey(from: folder), signal: WakeSignal(), now: { clock.now }
        ).register(on: try worker(FeedbackService.serviceName))

        let tasks = workers.map { worker in Task { await worker.run() } }
        for service in [CatalogService.serviceName, "identity", "notifier", "requests", FeedbackService.serviceName] {
            for _ in 0..<200 where (try? await client.isServiceAvailable(service)) != true {
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        for (username, role, provinces) in [
            ("tehran1", StaffRole.official, ["tehran"]), ("fars1", .official, ["fars"]), ("admin", .administrator, []),
        ] {
            _ = try await staff.create(
                IdentityStaffCreateRequest(
                    username: username, displayName: "کارمند \(username)", role: role, provinces: provinces,
                    password: "secret of \(username)"), caller: .service("desk"), logger: logger)
        }
        let app = GatewayService.buildApplication(client: client, host: "127.0.0.1", port: 0, logger: logger)
        var failure: (any Error)?
        do { try await body(FeedbackDesk(app: app, client: client, inbox: inbox, clock: clock)) } catch {
            failure = error
        }
        for worker in workers { worker.shutdown() }
        for task in tasks { await task.value }
        await client.shutdown()
        broker.shutdown()
        _ = try? await brokerTask.value
        if let failure { throw failure }
    }

    /// A request of Tehran submitted by Ali through the bus with its documents, and, unless
    /// `decided` is false, claimed and approved by Tehran's official.
    func decidedRequest(decided: Bool = true) async throws -> RequestReceipt {
        let code = "forest-seedling-request"
        let profile = try await client.call(Routes.Catalog.profile, CatalogProfileRequest(code: code))
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
            uploads.append(DocumentUpload(key: document.key, fileName: "\(document.key).pdf", attachment: files.count))
            files.append(Self.pdf)
        }
        let receipt = try await client.call(
            Routes.Requests.submit,
            RequestSubmission(
                serviceCode: code, province: "tehran", applicant: Self.ali, fields: fields, documents: uploads),
            timeout: .seconds(10), caller: Self.aliCaller, attachments: files)
        if decided {
            let reference = RequestReference(requestId: receipt.requestId)
            _ = try await client.call(Routes.Requests.claim, reference, caller: Self.tehranOfficial)
            _ = try await client.call(
                Routes.Requests.approve, ApprovalSubmission(requestId: receipt.requestId, resultFileName: "result.pdf"),
                caller: Self.tehranOfficial, attachments: [Self.pdf])
        }
        return receipt
    }

    /// The session token of Ali's SMS login over HTTP, with the `codeNumber`th code sent.
    func aliToken(_ http: any TestClientProtocol, codeNumber: Int = 1) async throws -> String {
        let start = try await http.send(
            .post, "/api/v1/auth/citizen/start", json: #"{"nationalCode":"0012345679","mobile":"09121234567"}"#)
        let challenge = try start.decode(IdentityLoginChallenge.self)
        let code = await inbox.code(codeNumber)
        let verify = try await http.send(
            .post, "/api/v1/auth/citizen/verify",
            json: #"{"challengeId":"\#(challenge.challengeId)","code":"\#(code)"}"#)
        return try verify.decode(IdentitySession.self).token
    }

    /// The bearer token of a staff member's login over HTTP.
    static func staffToken(_ http: any TestClientProtocol, _ username: String) async throws -> String {
        let login = try await http.send(
            .post, "/api/v1/auth/staff/login", json: #"{"username":"\#(username)","password":"secret of \#(username)"}"#
        )
        return try login.decode(IdentitySession.self).token
    }
}

/// The real clock moved ahead by hand.
final class ShiftedClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(days: Double) {
        offset.withLock { $0 += days * 86_400 }
    }
}

/// A page form's CSRF pair: the cookie and the same value in the body.
enum PageForm {
    static let csrf = "0123456789abcdef0123456789abcdef"

    /// The `Cookie` header with the CSRF cookie and, when given, the session.
    static func cookies(session: String? = nil) -> HTTPFields {
        var value = "miz_csrf=\(csrf)"
        if let session { value += "; miz_session=\(session)" }
        return [.cookie: value]
    }

    /// A urlencoded body with the CSRF field.
    static func body(_ fields: [(String, String)]) -> String {
        ([("csrf", csrf)] + fields).map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
    }
}

extension TestClientProtocol {
    /// POSTs a page form and returns the status and the page.
    func postForm(_ uri: String, _ fields: [(String, String)], session: String? = nil) async throws
        -> (HTTPResponse.Status, String)
    {
        var headers = PageForm.cookies(session: session)
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: PageForm.body(fields))
        ) { response in (response.status, String(buffer: response.body)) }
    }

    /// GETs a page and returns the status and the page.
    func page(_ uri: String, session: String? = nil) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .get, headers: PageForm.cookies(session: session), body: nil) { response in
            (response.status, String(buffer: response.body))
        }
    }
}
