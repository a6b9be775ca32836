import Foundation
import MizBus
import MizSchema
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Feedback end to end through real processes: `broker`, `catalog`, `identity-verifier`,
/// `notifier` (development inbox), `requests`, `feedback` and `gateway`. A citizen's request
/// is submitted with its documents and decided over the bus, then the survey and the complaint
/// go through the gateway's pages, an official answers the complaint over the API, and the
/// citizen gets exactly one `complaintAnswered` SMS.
@Suite("Feedback through the gateway with real processes", .serialized)
struct FeedbackWebSystemTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    private func send(
        _ method: String, _ url: String, body: Data? = nil, contentType: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> (HTTPURLResponse, String) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return (try #require(response as? HTTPURLResponse), String(decoding: data, as: UTF8.self))
    }

    private func form(_ fields: [(String, String)], csrf: String) -> Data {
        Data(
            ([("csrf", csrf)] + fields).map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
            }.joined(separator: "&").utf8)
    }

    @Test("request decided over the bus; survey and complaint over HTTP; the answer sends one SMS")
    func surveyComplaintAnswer() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let brokerPort = FreePort.next()
        let httpPort = FreePort.next()
        let bus = "tcp://127.0.0.1:\(brokerPort)"
        let common = ["--curve", "off", "--ops-port", "0", "--data", folder.url.path]
        let processes = [
            try RunningProcess("broker", ["--bind", bus] + common, folder: folder.url),
            try RunningProcess("catalog", ["--broker", bus] + common, folder: folder.url),
            try RunningProcess(
                "identity-verifier", ["--broker", bus, "--registry-population", "50"] + common, folder: folder.url),
            try RunningProcess("notifier", ["--broker", bus, "--development"] + common, folder: folder.url),
            try RunningProcess("requests", ["--broker", bus] + common, folder: folder.url),
            try RunningProcess("feedback", ["--broker", bus] + common, folder: folder.url),
            try RunningProcess(
                "gateway", ["--broker", bus, "--http-port", "\(httpPort)", "--development"] + common,
                folder: folder.url),
        ]
        func logs() -> String { processes.map { "\($0.name): \($0.output.suffix(1500))" }.joined(separator: "\n") }
        let base = "http://127.0.0.1:\(httpPort)"
        let client = try BusClient(.init(brokers: [bus], attemptTimeout: .seconds(5), defaultTimeout: .seconds(20)))
        // Every process is stopped whatever happens, so a failed expectation leaves none behind.
        var failure: (any Error)?
        do {
            let ready = await waitUntil(.seconds(120)) {
                for service in ["catalog", "identity", "notifier", "requests", "feedback"] {
                    guard try await client.isServiceAvailable(service) else { return false }
                }
                return try await send("GET", "\(base)/nazarsanji").0.statusCode == 200
            }
            #expect(ready, "\(logs())")

            // The citizen submits with documents (as the gateway's upload does), an official decides.
            let citizen = Caller(kind: .citizen, nationalCode: "0012345679", clientAddress: "10.0.0.1")
            let official = Caller(kind: .staff, staffId: "tehran-1", role: .official, provinces: ["tehran"])
            let profile = try await client.call(
                Routes.Catalog.profile, CatalogProfileRequest(code: "forest-seedling-request"))
            var fields: [String: String] = [:]
            for field in profile.fields where field.required {
                fields[field.code] =
                    switch field.datatype {
                    case .string: "نمونه"
                    case .text: "توضیح کوتاه"
                    case .number: "12"
                    case .datetime: "1405/02/10"
                    case .singlevaluelist, .multivaluelist: field.values?.first?.key ?? ""
                    }
            }
            let documents = profile.documents.filter(\.mandatory).enumerated().map { index, document in
                DocumentUpload(key: document.key, fileName: "\(document.key).pdf", attachment: index)
            }
            let receipt = try await client.call(
                Routes.Requests.submit,
                RequestSubmission(
                    serviceCode: profile.code, province: "tehran",
                    applicant: IdentityVerifyRequest(
                        nationalCode: "0012345679", birthDate: "1370/05/12", firstName: "علی", lastName: "رضایی",
                        mobile: "09121234567"), fields: fields, documents: documents),
                caller: citizen, idempotencyKey: "web-system-submit",
                attachments: Array(repeating: Self.pdf, count: documents.count))
            _ = try await client.call(
                Routes.Requests.claim, RequestReference(requestId: receipt.requestId), caller: official)
            _ = try await client.call(
                Routes.Requests.approve, ApprovalSubmission(requestId: receipt.requestId, resultFileName: "result.pdf"),
                caller: official, idempotencyKey: "web-system-approve", attachments: [Self.pdf])

            // The survey through the page, as a browser posts it: the form page sets the CSRF
            // cookie (kept by the session's cookie storage) and carries the same token.
            let (_, formPage) = try await send("GET", "\(base)/nazarsanji?khedmat=\(profile.code)")
            let csrf = String(try #require(formPage.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.output.1))
            let (surveyed, surveyPage) = try await send(
                "POST", "\(base)/nazarsanji",
                body: form(
                    [
                        ("processNumber", receipt.processNumber), ("trackingCode", receipt.trackingCode),
                        ("satisfaction", "3"), ("onTime", "no"), ("explanationClear", "yes"),
                    ], csrf: csrf), contentType: "application/x-www-form-urlencoded")
            #expect(
                surveyed.statusCode == 200 && surveyPage.contains("نظر شما ثبت شد"),
                "\(surveyed.statusCode) \(surveyPage.suffix(1500))")

            // The complaint through the page, with an attachment, as multipart form data.
            let boundary = "miz-system-\(UUID().uuidString)"
            var body = Data()
            for (name, value) in [
                ("csrf", csrf), ("processNumber", receipt.processNumber), ("trackingCode", receipt.trackingCode),
                ("text", "کارشناس دلیل تأخیر را توضیح نداد."), ("idempotencyKey", "web-system-complaint"),
            ] {
                body.append(
                    Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
            }
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                        .utf8))
            body.append(Self.pdf)
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            let (complained, complaintPage) = try await send(
                "POST", "\(base)/shekayat", body: body, contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(complained.statusCode == 200, "\(complaintPage.prefix(400))")
            let number = try #require(
                complaintPage.firstMatch(of: /<bdi dir="ltr">([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/bdi>/)?.output.1)

            // An official of Tehran logs in and answers over the API; the answer is repeated.
            _ = try await client.call(
                Routes.Identity.staffCreate,
                IdentityStaffCreateRequest(
                    username: "tehran.official", displayName: "کارشناس تهران", role: .official, provinces: ["tehran"],
                    password: "a long secret 1405"), caller: .service("desk"))
            let (_, login) = try await send(
                "POST", "\(base)/api/v1/auth/staff/login",
                body: Data(#"{"username":"tehran.official","password":"a long secret 1405"}"#.utf8),
                contentType: "application/json")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let token = try decoder.decode(IdentitySession.self, from: Data(login.utf8)).token
            let answer = Data(#"{"answer":"تأخیر به‌خاطر بازدید میدانی بود؛ پوزش می‌خواهیم."}"#.utf8)
            for _ in 0..<2 {
                let (answered, reply) = try await send(
                    "POST", "\(base)/api/v1/feedback/complaints/\(number)/answer", body: answer,
                    contentType: "application/json", headers: ["Authorization": "Bearer \(token)"])
                #expect(answered.statusCode == 200, "\(reply)")
            }

            // The citizen sees the answer by the complaint's number, and gets one SMS for it.
            let (tracked, trackPage) = try await send(
                "POST", "\(base)/shekayat/peygiri", body: form([("trackingNumber", String(number))], csrf: csrf),
                contentType: "application/x-www-form-urlencoded")
            #expect(tracked.statusCode == 200 && trackPage.contains("بازدید میدانی"))
            @Sendable func answeredSMS() async throws -> [NotifierDevInbox.Message] {
                try await client.call(Routes.Notifier.devInbox, NotifierDevInboxRequest(limit: 100)).messages.filter {
                    $0.template == .complaintAnswered
                }
            }
            let delivered = await waitUntil(.seconds(60)) { try await answeredSMS().count >= 1 }
            #expect(delivered, "\(logs())")
            let sms = try await answeredSMS()
            #expect(sms.count == 1)
            #expect(sms.first?.recipient == "09121234567")
        } catch {
            failure = error
        }
        await client.shutdown()
        for process in processes.reversed() { await process.stop() }
        if let failure { throw failure }
    }
}
