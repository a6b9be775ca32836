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
import Requests
import Testing

/// An in-process desk for the citizen's request API and pages: a broker, the real catalog
/// (seeded), identity (embedded registry with the demo citizens, SMS login codes kept by a
/// `CodeInbox`) and requests workers over SQLite files in a temporary folder, and the
/// gateway's application over them.
struct RequestsGatewayDesk {
    let app: any ApplicationProtocol
    let client: BusClient
    let inbox: CodeInbox
    let store: SQLiteRequestStore

    static func run(_ body: @Sendable (RequestsGatewayDesk) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-reqweb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .seconds(3))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        let client = try BusClient(.init(brokers: [endpoint]))

        let catalogStore = try SQLiteCatalogStore(path: folder.appendingPathComponent("catalog.sqlite").path)
        let (catalog, _) = try await CatalogRoutes.open(store: catalogStore, seed: try SeedCatalog.bundled())
        let catalogWorker = try BusWorker(
            .init(service: CatalogService.serviceName, brokers: [endpoint], concurrency: 4))
        catalog.register(on: catalogWorker)

        let registry = try EmbeddedRegistry(path: folder.appendingPathComponent(EmbeddedRegistry.fileName).path)
        try await registry.populate(count: 50, seed: 3)
        let authStore = try SQLiteAuthStore(path: folder.appendingPathComponent(SQLiteAuthStore.fileName).path)
        let key = SigningKey(secret: SymmetricKey(size: .bits256))
        let policy = AuthPolicy()
        let now: @Sendable () -> Date = { Date() }
        let sessions = SessionAuthority(store: authStore, key: key, policy: policy, now: now)
        let inbox = CodeInbox()
        let staff = await StaffAccounts(
            store: authStore, sessions: sessions, hasher: PasswordHasher(cost: 4), policy: policy, now: now)
        let identityWorker = try BusWorker(.init(service: "identity", brokers: [endpoint], concurrency: 4))
        AuthRoutes(
            citizens: CitizenLogin(
                registry: registry, store: authStore, sender: inbox, sessions: sessions, key: key, policy: policy,
                now: now),
            staff: staff, sessions: sessions
        ).register(on: identityWorker)
        IdentityRoutes(registry: registry, limits: (authStore, policy)).register(on: identityWorker)

        let store = try SQLiteRequestStore(path: folder.appendingPathComponent(SQLiteRequestStore.fileName).path)
        let requestsWorker = try BusWorker(
            .init(service: RequestsService.serviceName, brokers: [endpoint], concurrency: 4))
        RequestsRoutes(store: store, upstream: BusRequestsUpstream(client: client), signal: WakeSignal())
            .register(on: requestsWorker)

        let workers = [catalogWorker, identityWorker, requestsWorker]
        let tasks = workers.map { worker in Task { await worker.run() } }
        for service in [CatalogService.serviceName, "identity", RequestsService.serviceName] {
            for _ in 0..<200 where (try? await client.isServiceAvailable(service)) != true {
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        let app = GatewayService.buildApplication(
            client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "requests-web-test"))
        var failure: (any Error)?
        do {
            try await body(RequestsGatewayDesk(app: app, client: client, inbox: inbox, store: store))
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

    /// Logs a demo citizen in through the API (the `number`th code of the run) and returns the
    /// session token.
    func login(
        _ http: any TestClientProtocol, nationalCode: String, mobile: String, codeNumber: Int
    ) async throws -> String {
        let start = try await http.send(
            .post, "/api/v1/auth/citizen/start", json: #"{"nationalCode":"\#(nationalCode)","mobile":"\#(mobile)"}"#)
        let challenge = try start.decode(IdentityLoginChallenge.self)
        let code = await inbox.code(codeNumber)
        let verified = try await http.send(
            .post, "/api/v1/auth/citizen/verify",
            json: #"{"challengeId":"\#(challenge.challengeId)","code":"\#(code)"}"#)
        return try verified.decode(IdentitySession.self).token
    }

    /// A valid application of a seeded service by Ali in Tehran: its JSON part's fields and
    /// one file per mandatory document.
    func application(_ code: String = "forest-seedling-request") async throws
        -> (profile: ServiceProfile, fields: [String: String], files: [UploadFile])
    {
        let profile = try await client.call(
            Routes.Catalog.profile, CatalogProfileRequest(code: code), caller: .service("test"))
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
        let files = profile.documents.filter(\.mandatory).map { document in
            UploadFile(field: document.key, fileName: "مدرک \(document.key).pdf", data: UploadSamples.pdf)
        }
        return (profile, fields, files)
    }
}

/// Demo citizens of the embedded registry.
enum DemoCitizen {
    static let aliCode = "0012345679"
    static let aliMobile = "09121234567"
    static let fatemehCode = "0023456787"
    static let fatemehMobile = "09351234567"
    /// Ali as the applicant part of a submission.
    static let aliApplicant =
        #"{"nationalCode":"0012345679","birthDate":"1370/05/12","firstName":"علی","lastName":"رضایی","mobile":"09121234567"}"#
}

/// One file of a multipart body.
struct UploadFile: Sendable {
    var field: String
    var fileName: String
    var data: Data
}

/// Small files with real magic bytes, and one that only pretends.
enum UploadSamples {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 56))
}

/// A `multipart/form-data` body as a browser sends it.
struct UploadBody {
    static let boundary = "----MizTestBoundary7MA4YWxkTrZu0gW"
    var text: [(String, String)] = []
    var files: [UploadFile] = []

    var contentType: String { "multipart/form-data; boundary=\(Self.boundary)" }

    var buffer: ByteBuffer {
        var data = Data()
        for (name, value) in text {
            data.append(Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n".utf8))
            data.append(Data(value.utf8))
            data.append(Data("\r\n".utf8))
        }
        for file in files {
            data.append(
                Data(
                    ("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; "
                        + "filename=\"\(file.fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n").utf8))
            data.append(file.data)
            data.append(Data("\r\n".utf8))
        }
        data.append(Data("--\(Self.boundary)--\r\n".utf8))
        return ByteBuffer(bytes: data)
    }
}

extension TestClientProtocol {
    /// A multipart POST, its response collected.
    func post(_ uri: String, multipart body: UploadBody, headers: HTTPFields = [:]) async throws -> APIResponse {
        var headers = headers
        headers[.contentType] = body.contentType
        return try await execute(uri: uri, method: .post, headers: headers, body: body.buffer) { response in
            APIResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }

    /// A URL-encoded form POST, its response collected.
    func post(_ uri: String, form pairs: [(String, String)], headers: HTTPFields = [:]) async throws -> APIResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        let body = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            response in
            APIResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }
}

extension APIResponse {
    /// The body as text (a page).
    var text: String { String(decoding: body, as: UTF8.self) }
}
