import Broker
import Catalog
import Crypto
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

/// An in-process desk for the officials' inbox: a broker and the real catalog (seeded),
/// identity (embedded registry, staff accounts), notifier (file provider) and requests
/// libraries as bus workers, each over its own SQLite file, and the gateway application.
/// Requests are made through the bus as the citizen, with attachments, as the citizen's pages
/// would.
struct InboxDesk {
    let app: any ApplicationProtocol
    let client: BusClient
    let codes: CodeInbox
    let staff: StaffAccounts

    /// The demo citizen of the embedded registry.
    static let citizen = IdentityVerifyRequest(
        nationalCode: "0012345679", birthDate: "1370/05/12", firstName: "علی", lastName: "رضایی",
        mobile: "09121234567")
    static var citizenCaller: Caller { Caller(kind: .citizen, nationalCode: citizen.nationalCode) }
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let png = Data(
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 1])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0xFF, 0xD9])

    static func run(_ body: @Sendable (InboxDesk) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-inbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .seconds(3))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        func worker(_ service: String) throws -> BusWorker {
            try BusWorker(.init(service: service, brokers: [endpoint], concurrency: 4))
        }
        // Catalog.
        let (catalog, _) = try await CatalogRoutes.open(
            store: try SQLiteCatalogStore(path: path("catalog.sqlite")), seed: try SeedCatalog.bundled())
        let catalogWorker = try worker(CatalogService.serviceName)
        catalog.register(on: catalogWorker)
        // Identity: applicant checks, logins, staff.
        let registry = try EmbeddedRegistry(path: path(EmbeddedRegistry.fileName))
        try await registry.populate(count: 50, seed: 3)
        let authStore = try SQLiteAuthStore(path: path(SQLiteAuthStore.fileName))
        let key = SigningKey(secret: SymmetricKey(size: .bits256))
        let policy = AuthPolicy()
        let sessions = SessionAuthority(store: authStore, key: key, policy: policy, now: { Date() })
        let codes = CodeInbox()
        let staff = await StaffAccounts(
            store: authStore, sessions: sessions, hasher: PasswordHasher(cost: 4), policy: policy, now: { Date() })
        let identityWorker = try worker(IdentityVerifierService.serviceName)
        AuthRoutes(
            citizens: CitizenLogin(
                registry: registry, store: authStore, sender: codes, sessions: sessions, key: key, policy: policy,
                now: { Date() }),
            staff: staff, sessions: sessions
        ).register(on: identityWorker)
        IdentityRoutes(registry: registry).register(on: identityWorker)
        // Notifier, development file provider.
        let notifierStore = try SQLiteNotifierStore(path: path(SQLiteNotifierStore.fileName))
        let notifierWorker = try worker(NotifierService.serviceName)
        NotifierRoutes(store: notifierStore, signal: WakeSignal(), hourlyLimit: 10_000, isDevelopment: true)
            .register(on: notifierWorker)
        // Requests, calling the others through the broker.
        let client = try BusClient(.init(brokers: [endpoint]))
        let requestsWorker = try worker(RequestsService.serviceName)
        let requestStore = try SQLiteRequestStore(path: path(SQLiteRequestStore.fileName))
        RequestsRoutes(store: requestStore, upstream: BusRequestsUpstream(client: client), signal: WakeSignal())
            .register(on: requestsWorker)
        let workers = [catalogWorker, identityWorker, notifierWorker, requestsWorker]
        let tasks = workers.map { worker in Task { await worker.run() } }
        for service in [
            CatalogService.serviceName, IdentityVerifierService.serviceName, NotifierService.serviceName,
            RequestsService.serviceName,
        ] {
            for _ in 0..<200 {
                if (try? await client.isServiceAvailable(service)) == true { break }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let app = GatewayService.buildApplication(
            client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "inbox-test"))
        var failure: (any Error)?
        do {
            try await body(InboxDesk(app: app, client: client, codes: codes, staff: staff))
        } catch { failure = error }
        for worker in workers { worker.shutdown() }
        for task in tasks { await task.value }
        await client.shutdown()
        broker.shutdown()
        _ = try? await brokerTask.value
        if let failure { throw failure }
    }

    func http(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }

    /// Creates a staff account and returns its session token, logging in over HTTP.
    func staffToken(
        _ http: any TestClientProtocol, username: String, role: StaffRole = .official, provinces: [String]
    ) async throws -> String {
        _ = try await staff.create(
            IdentityStaffCreateRequest(
                username: username, displayName: "کارشناس \(username)", role: role, provinces: provinces,
                password: "a long secret 1405"), caller: .service("desk"), logger: Logger(label: "inbox-test"))
        let login = try await http.send(
            .post, "/api/v1/auth/staff/login", json: #"{"username":"\#(username)","password":"a long secret 1405"}"#)
        return try login.decode(IdentitySession.self).token
    }

    /// Applies for `code` in `province` as the demo citizen through the bus, with one file
    /// per mandatory document.
    func apply(_ code: String = "forest-seedling-request", province: String) async throws -> RequestReceipt {
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
            let type = document.acceptedTypes.first { [.pdf, .png, .jpeg].contains($0) } ?? .pdf
            uploads.append(
                DocumentUpload(
                    key: document.key, fileName: "\(document.key).\(type.fileExtensions[0])", attachment: files.count))
            files.append(type == .png ? Self.png : type == .jpeg ? Self.jpeg : Self.pdf)
        }
        return try await client.call(
            Routes.Requests.submit,
            RequestSubmission(
                serviceCode: code, province: province, applicant: Self.citizen, fields: fields, documents: uploads),
            timeout: .seconds(15), caller: Self.citizenCaller, idempotencyKey: UUID().uuidString,
            attachments: files)
    }
}

/// A `multipart/form-data` body as a browser sends it.
struct MultipartBody {
    let boundary = "----miz\(UUID().uuidString.prefix(8))"
    var parts: [(name: String, fileName: String?, content: Data)] = []

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var data: Data {
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\n".utf8))
            if let fileName = part.fileName {
                body.append(
                    Data(
                        "Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                            .utf8))
            } else {
                body.append(Data("Content-Disposition: form-data; name=\"\(part.name)\"\r\n\r\n".utf8))
            }
            body.append(part.content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }
}
