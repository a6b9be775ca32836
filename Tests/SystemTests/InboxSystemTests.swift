import Foundation
import MizBus
import MizSchema
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A request from application to result through the real `broker`, `catalog`,
/// `identity-verifier`, `notifier` (development file provider), `requests` and `gateway`
/// executables: the citizen applies and fixes through the bus (as the citizen's pages do),
/// the official works over the gateway's HTTP API, and the citizen downloads the result over
/// HTTP after logging in with the SMS code.
@Suite("Inbox end to end through real processes", .serialized)
struct InboxSystemTests {
    static let ali = IdentityVerifyRequest(
        nationalCode: "0012345679", birthDate: "1370/05/12", firstName: "علی", lastName: "رضایی", mobile: "09121234567")
    static let citizen = Caller(kind: .citizen, nationalCode: "0012345679", clientAddress: "127.0.0.1")
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let result = Data("%PDF-1.7\n% پروانه\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)

    private func send(
        _ method: String, _ url: String, json: String? = nil, body: Data? = nil, contentType: String? = nil,
        token: String? = nil
    ) async throws -> (Int, Data) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        if let body, let contentType {
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        return (try #require(response as? HTTPURLResponse).statusCode, data)
    }

    @Test("apply → inbox → ask for a fix → fix → approve with a result → the citizen downloads it; one SMS per step")
    func applyToResult() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bus = "tcp://127.0.0.1:\(FreePort.next())"
        let httpPort = FreePort.next()
        let common = ["--curve", "off", "--ops-port", "0", "--data", folder.url.path]
        let processes = [
            try RunningProcess("broker", ["--bind", bus] + common, folder: folder.url),
            try RunningProcess("catalog", ["--broker", bus] + common, folder: folder.url),
            try RunningProcess(
                "identity-verifier", ["--broker", bus, "--registry-population", "50"] + common, folder: folder.url),
            try RunningProcess("notifier", ["--broker", bus, "--development"] + common, folder: folder.url),
            try RunningProcess("requests", ["--broker", bus] + common, folder: folder.url),
            try RunningProcess(
                "gateway", ["--broker", bus, "--http-port", "\(httpPort)", "--development"] + common,
                folder: folder.url),
        ]
        let base = "http://127.0.0.1:\(httpPort)"
        let client = try BusClient(.init(brokers: [bus], attemptTimeout: .seconds(3), defaultTimeout: .seconds(20)))
        func logs() -> String { processes.map { "\($0.name): \($0.output.suffix(2000))" }.joined(separator: "\n") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601

        // Ready when every service answers and the gateway refuses an anonymous inbox.
        let ready = await waitUntil(.seconds(120)) {
            for service in ["catalog", "identity", "notifier", "requests"] {
                _ = try await client.call(Routes.ping(service: service), PingRequest(), timeout: .seconds(2))
            }
            return try await send("GET", "\(base)/api/v1/inbox").0 == 401
        }
        #expect(ready, "\(logs())")

        // An operator makes an administrator (as `desk admin create` does); they add a Tehran official.
        _ = try await client.call(
            Routes.Identity.staffCreate,
            IdentityStaffCreateRequest(
                username: "admin", displayName: "مدیر", role: .administrator, provinces: [],
                password: "administrator secret 1"), caller: .service("desk"))
        func staffLogin(_ username: String, _ password: String) async throws -> String {
            let (status, body) = try await send(
                "POST", "\(base)/api/v1/auth/staff/login",
                json: #"{"username":"\#(username)","password":"\#(password)"}"#)
            #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
            return try decoder.decode(IdentitySession.self, from: body).token
        }
        let admin = try await staffLogin("admin", "administrator secret 1")
        let (created, _) = try await send(
            "POST", "\(base)/api/v1/staff",
            json:
                #"{"username":"tehran1","displayName":"کارشناس تهران","role":"official","provinces":["tehran"],"password":"official secret 1"}"#,
            token: admin)
        #expect(created == 201)
        let official = try await staffLogin("tehran1", "official secret 1")

        // 1. The citizen applies with the mandatory documents.
        let profile = try await client.call(
            Routes.Catalog.profile, CatalogProfileRequest(code: "forest-seedling-request"), caller: Self.citizen)
        var fields: [String: String] = [:]
        for field in profile.fields where field.required {
            fields[field.code] =
                switch field.datatype {
                case .string, .text: "نمونه"
                case .number: "7"
                case .datetime: "1405/02/10"
                case .singlevaluelist, .multivaluelist: field.values?.first?.key ?? ""
                }
        }
        let mandatory = profile.documents.filter(\.mandatory)
        let receipt = try await client.call(
            Routes.Requests.submit,
            RequestSubmission(
                serviceCode: profile.code, province: "tehran", applicant: Self.ali, fields: fields,
                documents: mandatory.enumerated().map {
                    DocumentUpload(key: $1.key, fileName: "\($1.key).pdf", attachment: $0)
                }),
            caller: Self.citizen, idempotencyKey: UUID().uuidString,
            attachments: mandatory.map { _ in Self.pdf })

        // 2. The official finds it in the inbox, claims it and asks for a fix of one document.
        let (listed, inboxBody) = try await send("GET", "\(base)/api/v1/inbox?status=submitted", token: official)
        #expect(listed == 200)
        let inbox = try decoder.decode(Inbox.self, from: inboxBody)
        #expect(inbox.items.map(\.requestId) == [receipt.requestId])
        let path = "\(base)/api/v1/inbox/\(receipt.requestId)"
        #expect(try await send("POST", "\(path)/claim", token: official).0 == 200)
        let documentKey = try #require(mandatory.first?.key)
        let (asked, askedBody) = try await send(
            "POST", "\(path)/fix", json: #"{"documents":["\#(documentKey)"],"message":"تصویر مدرک خوانا نیست."}"#,
            token: official)
        #expect(asked == 200, "\(String(decoding: askedBody, as: UTF8.self))")

        // 3. The citizen sends the corrected document.
        let fixed = try await client.call(
            Routes.Requests.submitFix,
            FixSubmission(
                requestId: receipt.requestId, fields: [:],
                documents: [DocumentUpload(key: documentKey, fileName: "corrected.pdf", attachment: 0)]),
            caller: Self.citizen, idempotencyKey: UUID().uuidString, attachments: [Self.pdf])
        #expect(fixed.summary.status == .fixed)

        // 4. The official claims it again and approves with a result uploaded as multipart.
        #expect(try await send("POST", "\(path)/claim", token: official).0 == 200)
        let boundary = "miz-boundary-\(UUID().uuidString)"
        var multipart = Data()
        multipart.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nصادر شد\r\n".utf8))
        multipart.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"result\"; filename=\"licence.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                    .utf8))
        multipart.append(Self.result)
        multipart.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let (approved, approvedBody) = try await send(
            "POST", "\(path)/approve", body: multipart, contentType: "multipart/form-data; boundary=\(boundary)",
            token: official)
        #expect(approved == 200, "\(String(decoding: approvedBody, as: UTF8.self))")
        #expect(try decoder.decode(RequestDetail.self, from: approvedBody).summary.status == .approved)

        // 5. The citizen logs in with the SMS code and downloads the result over HTTP.
        let (_, startBody) = try await send(
            "POST", "\(base)/api/v1/auth/citizen/start", json: #"{"nationalCode":"0012345679","mobile":"09121234567"}"#)
        let challenge = try decoder.decode(IdentityLoginChallenge.self, from: startBody)
        @Sendable func texts() async throws -> [NotifierDevInbox.Message] {
            try await client.call(Routes.Notifier.devInbox, NotifierDevInboxRequest(limit: 30)).messages
        }
        let texted = await waitUntil(.seconds(30)) { try await texts().contains { $0.template == .loginCode } }
        #expect(texted, "\(logs())")
        let codeText = try #require(
            try await texts().first { $0.template == .loginCode }?.text.firstMatch(of: /[0-9۰-۹]{6}/))
        let code = String(codeText.output).unicodeScalars.map { scalar in
            (0x06F0...0x06F9).contains(scalar.value) ? String(scalar.value - 0x06F0) : String(scalar)
        }.joined()
        let (verified, sessionBody) = try await send(
            "POST", "\(base)/api/v1/auth/citizen/verify",
            json: #"{"challengeId":"\#(challenge.challengeId)","code":"\#(code)"}"#)
        #expect(verified == 200)
        let citizenToken = try decoder.decode(IdentitySession.self, from: sessionBody).token
        let (read, readBody) = try await send("GET", path, token: citizenToken)
        #expect(read == 200)
        let mine = try decoder.decode(RequestDetail.self, from: readBody)
        #expect(mine.notes.isEmpty)
        let resultDocument = try #require(mine.documents.first { $0.key == "result" })
        let (downloaded, file) = try await send(
            "GET", "\(path)/documents/\(resultDocument.documentId)", token: citizenToken)
        #expect(downloaded == 200 && file == Self.result)
        // The citizen cannot read the inbox.
        #expect(try await send("GET", "\(base)/api/v1/inbox", token: citizenToken).0 == 403)

        // Exactly one SMS for each step: received, fix requested, result ready (and the login code).
        @Sendable func kinds() async throws -> [NotificationKind: Int] {
            Dictionary(grouping: try await texts(), by: \.template).mapValues(\.count)
        }
        let settled = await waitUntil(.seconds(60)) {
            let kinds = try await kinds()
            return kinds[.requestReceived] == 1 && kinds[.fixRequested] == 1 && kinds[.resultReady] == 1
        }
        #expect(settled, "\(logs())")
        #expect(try await kinds() == [.requestReceived: 1, .fixRequested: 1, .resultReady: 1, .loginCode: 1])
        await client.shutdown()
        for process in processes.reversed() { await process.stop() }
    }
}
