import Broker
import Crypto
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityVerifier
import Logging
import MizBus
import MizSchema
import NIOCore
import Synchronization
import Testing

/// Keeps the login codes the identity service hands to the notifier.
final class CodeInbox: LoginCodeSender {
    private let codes = Mutex<[String]>([])
    private let waiters = Mutex<[CheckedContinuation<Void, Never>]>([])

    func send(code: String, to mobile: String, eventId: String) async throws {
        codes.withLock { $0.append(code) }
        for waiter in waiters.withLock({ list in
            defer { list.removeAll() }; return list
        }) { waiter.resume() }
    }

    /// The `number`th code sent, once it was.
    func code(_ number: Int) async -> String {
        while codes.withLock({ $0.count }) < number {
            await withCheckedContinuation { continuation in
                if codes.withLock({ $0.count }) >= number {
                    continuation.resume()
                } else {
                    waiters.withLock { $0.append(continuation) }
                }
            }
        }
        return codes.withLock { $0[number - 1] }
    }
}

/// An in-process desk with a broker, the real identity worker (embedded registry, its own
/// SQLite store) and the gateway application.
struct AuthDesk {
    let app: any ApplicationProtocol
    let inbox: CodeInbox
    let staff: StaffAccounts

    static func run(
        policy: AuthPolicy = AuthPolicy(), trustedProxies: Set<String> = [],
        _ body: @Sendable (AuthDesk) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = try EmbeddedRegistry(path: folder.appendingPathComponent(EmbeddedRegistry.fileName).path)
        try await registry.populate(count: 50, seed: 3)
        let store = try SQLiteAuthStore(path: folder.appendingPathComponent(SQLiteAuthStore.fileName).path)
        let key = SigningKey(secret: SymmetricKey(size: .bits256))
        let now: @Sendable () -> Date = { Date() }
        let sessions = SessionAuthority(store: store, key: key, policy: policy, now: now)
        let inbox = CodeInbox()
        let staff = await StaffAccounts(
            store: store, sessions: sessions, hasher: PasswordHasher(cost: 4), policy: policy, now: now)
        let routes = AuthRoutes(
            citizens: CitizenLogin(
                registry: registry, store: store, sender: inbox, sessions: sessions, key: key, policy: policy, now: now),
            staff: staff, sessions: sessions)
        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .seconds(3))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        let worker = try BusWorker(.init(service: "identity", brokers: [endpoint], concurrency: 4))
        routes.register(on: worker)
        IdentityRoutes(registry: registry, limits: (store, policy)).register(on: worker)
        let workerTask = Task { await worker.run() }
        let client = try BusClient(.init(brokers: [endpoint]))
        for _ in 0..<200 {
            if (try? await client.isServiceAvailable("identity")) == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let app = GatewayService.buildApplication(
            client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "test"), trustedProxies: trustedProxies)
        let desk = AuthDesk(app: app, inbox: inbox, staff: staff)
        var failure: (any Error)?
        do { try await body(desk) } catch { failure = error }
        worker.shutdown()
        await workerTask.value
        await client.shutdown()
        broker.shutdown()
        _ = try? await brokerTask.value
        if let failure { throw failure }
    }

    func http(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await app.test(setup, body)
    }
}

extension TestClientProtocol {
    /// A request with a JSON body (or none), its response collected.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
        ) { response in
            APIResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }
}

/// `Authorization: Bearer …`, plus anything else.
func bearer(_ token: String, _ extra: HTTPFields = [:]) -> HTTPFields {
    var fields = extra
    fields[.authorization] = "Bearer \(token)"
    return fields
}

@Suite("Gateway: logins, sessions and the caller in the envelope", .serialized)
struct AuthGatewayTests {
    static let forged: HTTPFields = [
        HTTPField.Name("X-Miz-Caller")!: #"{"kind":"staff","staffId":"x","role":"administrator","provinces":[]}"#,
        HTTPField.Name("X-Forwarded-User")!: "admin",
    ]

    /// Logs the demo citizen in through the API and returns the token.
    static func citizenToken(_ http: any TestClientProtocol, _ inbox: CodeInbox, codeNumber: Int = 1) async throws
        -> String
    {
        let start = try await http.send(
            .post, "/api/v1/auth/citizen/start", json: #"{"nationalCode":"۰۰۱۲۳۴۵۶۷۹","mobile":"09121234567"}"#)
        #expect(start.status == .ok)
        let challenge = try start.decode(IdentityLoginChallenge.self)
        let code = await inbox.code(codeNumber)
        let verify = try await http.send(
            .post, "/api/v1/auth/citizen/verify",
            json: #"{"challengeId":"\#(challenge.challengeId)","code":"\#(code)"}"#)
        #expect(verify.status == .ok)
        return try verify.decode(IdentitySession.self).token
    }

    @Test(
        "a citizen logs in through the API; their token cannot call staff routes; forged caller headers count for nothing"
    )
    func citizenAndStaffRoutes() async throws {
        try await AuthDesk.run { desk in
            let inbox = desk.inbox
            try await desk.http { http in
                let token = try await Self.citizenToken(http, inbox)
                let me = try await http.send(.get, "/api/v1/auth/me", headers: bearer(token))
                #expect(me.status == .ok)
                #expect(try me.decode(IdentitySessionStatus.self).caller.nationalCode == "0012345679")
                #expect(try await http.send(.get, "/api/v1/staff", headers: bearer(token)).status == .forbidden)
                let create =
                    #"{"username":"x1","displayName":"ایکس","role":"administrator","provinces":[],"password":"0123456789ab"}"#
                #expect(
                    try await http.send(.post, "/api/v1/staff", json: create, headers: bearer(token, Self.forged))
                        .status
                        == .forbidden)
                // Nobody logged in, with headers that claim an administrator: still nobody.
                #expect(try await http.send(.get, "/api/v1/staff", headers: Self.forged).status == .unauthorized)
                #expect(try await http.send(.get, "/api/v1/auth/me", headers: Self.forged).status == .unauthorized)
                // A tampered token is nobody.
                #expect(
                    try await http.send(.get, "/api/v1/auth/me", headers: bearer(token + "x")).status == .unauthorized)
                // Logout revokes at once, on this gateway's cache too.
                #expect(try await http.send(.post, "/api/v1/auth/logout", headers: bearer(token)).status == .noContent)
                #expect(try await http.send(.get, "/api/v1/auth/me", headers: bearer(token)).status == .unauthorized)
            }
        }
    }

    @Test(
        "an official cannot list or create staff; an administrator can, and the official's token shows their provinces")
    func officialAndAdministrator() async throws {
        try await AuthDesk.run { desk in
            _ = try await desk.staff.create(
                IdentityStaffCreateRequest(
                    username: "admin", displayName: "مدیر", role: .administrator, provinces: [],
                    password: "administrator secret"), caller: .service("desk"), logger: Logger(label: "test"))
            try await desk.http { http in
                let login = try await http.send(
                    .post, "/api/v1/auth/staff/login", json: #"{"username":"admin","password":"administrator secret"}"#)
                #expect(login.status == .ok)
                let admin = try login.decode(IdentitySession.self).token
                let create =
                    #"{"username":"fars1","displayName":"کارشناس فارس","role":"official","provinces":["fars"],"password":"official secret 1"}"#
                #expect(
                    try await http.send(.post, "/api/v1/staff", json: create, headers: bearer(admin)).status == .created
                )
                let official = try await http.send(
                    .post, "/api/v1/auth/staff/login", json: #"{"username":"fars1","password":"official secret 1"}"#)
                let token = try official.decode(IdentitySession.self).token
                let me = try await http.send(.get, "/api/v1/auth/me", headers: bearer(token))
                #expect(try me.decode(IdentitySessionStatus.self).caller.provinces == ["fars"])
                #expect(
                    try await http.send(.get, "/api/v1/staff", headers: bearer(token, Self.forged)).status == .forbidden
                )
                let other =
                    #"{"username":"tehran1","displayName":"کارشناس تهران","role":"official","provinces":["tehran"],"password":"official secret 2"}"#
                #expect(
                    try await http.send(.post, "/api/v1/staff", json: other, headers: bearer(token)).status
                        == .forbidden)
                let reset = #"{"password":"taken over password"}"#
                #expect(
                    try await http.send(.post, "/api/v1/staff/admin/password", json: reset, headers: bearer(token))
                        .status
                        == .forbidden)
                let list = try await http.send(.get, "/api/v1/staff", headers: bearer(admin))
                #expect(try list.decode(StaffAccountList.self).accounts.map(\.username) == ["admin", "fars1"])
                #expect(
                    try await http.send(
                        .post, "/api/v1/auth/staff/login", json: #"{"username":"admin","password":"wrong one"}"#
                    ).status == .unauthorized)
            }
        }
    }

    @Test("the pages: CSRF-checked forms, the code step, the session cookie, the panel and logout")
    func pages() async throws {
        try await AuthDesk.run { desk in
            let inbox = desk.inbox
            try await desk.http { http in
                let form = try await http.send(.get, "/vorood")
                #expect(form.status == .ok)
                let setCookie = form.headers[values: .setCookie].joined(separator: "\n")
                let csrf = try #require(setCookie.firstMatch(of: /miz_csrf=([0-9a-f]{32})/)?.output.1)
                #expect(String(decoding: form.body, as: UTF8.self).contains("value=\"\(csrf)\""))
                let cookie: HTTPFields = [
                    .cookie: "miz_csrf=\(csrf)", .contentType: "application/x-www-form-urlencoded",
                ]
                // Without the field, or from another site without the cookie: refused.
                let noToken = try await http.execute(
                    uri: "/vorood", method: .post, headers: cookie,
                    body: ByteBuffer(string: "nationalCode=0012345679&mobile=09121234567")
                ) { $0.status }
                #expect(noToken == .forbidden)
                let step = try await http.execute(
                    uri: "/vorood", method: .post, headers: cookie,
                    body: ByteBuffer(string: "csrf=\(csrf)&nationalCode=0012345679&mobile=09121234567")
                ) { String(buffer: $0.body) }
                let challenge = try #require(step.firstMatch(of: /name="challengeId" value="([0-9a-f]{32})"/)?.output.1)
                #expect(step.contains("<bdi dir=\"ltr\">"))
                let code = await inbox.code(1)
                let done = try await http.execute(
                    uri: "/vorood/code", method: .post, headers: cookie,
                    body: ByteBuffer(string: "csrf=\(csrf)&challengeId=\(challenge)&code=\(code)")
                ) { $0 }
                #expect(done.status == .seeOther && done.headers[.location] == "/panel")
                let sessionCookie = done.headers[values: .setCookie].first { $0.hasPrefix("miz_session=") } ?? ""
                #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax"))
                #expect(sessionCookie.contains("Path=/") && !sessionCookie.contains("Secure"))
                let token = try #require(sessionCookie.firstMatch(of: /miz_session=([^;]+)/)?.output.1)
                let both: HTTPFields = [.cookie: "miz_csrf=\(csrf); miz_session=\(token)"]
                let panel = try await http.execute(uri: "/panel", method: .get, headers: both) { $0 }
                #expect(panel.status == .ok)
                #expect(String(buffer: panel.body).contains("<bdi dir=\"ltr\">۰۰۱۲۳۴۵۶۷۹</bdi>"))
                // A cookie session's API POST needs the header token.
                #expect(try await http.send(.post, "/api/v1/auth/logout", headers: both).status == .forbidden)
                #expect(try await http.send(.get, "/api/v1/auth/me", headers: both).status == .ok)
                var logoutForm = both
                logoutForm[.contentType] = "application/x-www-form-urlencoded"
                let out = try await http.execute(
                    uri: "/khorooj", method: .post, headers: logoutForm, body: ByteBuffer(string: "csrf=\(csrf)")
                ) { $0 }
                #expect(out.status == .seeOther)
                #expect(
                    out.headers[values: .setCookie].contains {
                        $0.hasPrefix("miz_session=;") && $0.contains("Max-Age=0")
                    })
                let after = try await http.execute(uri: "/panel", method: .get, headers: both) { $0 }
                #expect(after.status == .seeOther && after.headers[.location] == "/vorood")
                // The SMS inbox page exists only in development mode.
                #expect(try await http.send(.get, "/dev/sms").status == .notFound)
            }
        }
    }

    @Test("the applicant check page: selects or a typed date in any digits; a mismatch shows the seed's message")
    func applicantCheck() async throws {
        try await AuthDesk.run { desk in
            try await desk.http { http in
                let form = try await http.send(.get, "/estelam")
                #expect(form.status == .ok)
                let page = String(decoding: form.body, as: UTF8.self)
                #expect(page.contains("name=\"birthDay\"") && page.contains("name=\"birthDateText\""))
                #expect(page.contains("<option value=\"5\">مرداد</option>"))
                let setCookie = form.headers[values: .setCookie].joined(separator: "\n")
                let csrf = try #require(setCookie.firstMatch(of: /miz_csrf=([0-9a-f]{32})/)?.output.1)
                let headers: HTTPFields = [
                    .cookie: "miz_csrf=\(csrf)", .contentType: "application/x-www-form-urlencoded",
                ]
                func post(_ fields: String) async throws -> (HTTPResponse.Status, String) {
                    try await http.execute(
                        uri: "/estelam", method: .post, headers: headers,
                        body: ByteBuffer(string: "csrf=\(csrf)&" + fields)
                    ) { ($0.status, String(buffer: $0.body)) }
                }
                let names = "firstName=%D8%B9%D9%84%DB%8C&lastName=%D8%B1%D8%B6%D8%A7%DB%8C%DB%8C"  // علی رضایی
                let (selects, selectsPage) = try await post(
                    "nationalCode=0012345679&\(names)&mobile=09121234567&birthDay=12&birthMonth=5&birthYear=1370")
                #expect(selects == .ok && selectsPage.contains("تطبیق داده شد"))
                // ۱۳۷۰/۰۵/۱۲ typed in Persian digits.
                let typed = "%DB%B1%DB%B3%DB%B7%DB%B0%2F%DB%B0%DB%B5%2F%DB%B1%DB%B2"
                let (text, _) = try await post(
                    "nationalCode=0012345679&\(names)&mobile=09121234567&birthDateText=\(typed)")
                #expect(text == .ok)
                let (wrong, wrongPage) = try await post(
                    "nationalCode=0012345679&\(names)&mobile=09121234567&birthDateText=1370/05/13")
                #expect(wrong == .badRequest)
                #expect(wrongPage.contains(IdentityVerificationMessages.applicantInvalid))
                #expect(wrongPage.contains("id=\"birth-date-problem\""))
                #expect(!wrongPage.contains("تطبیق داده شد"))
            }
        }
    }

    @Test("staff pages: login form, the inbox with provinces, management for administrators only")
    func staffPages() async throws {
        try await AuthDesk.run { desk in
            _ = try await desk.staff.create(
                IdentityStaffCreateRequest(
                    username: "admin", displayName: "مدیر", role: .administrator, provinces: [],
                    password: "administrator secret"), caller: .service("desk"), logger: Logger(label: "test"))
            try await desk.http { http in
                let csrf = "0123456789abcdef0123456789abcdef"
                let form: HTTPFields = [.cookie: "miz_csrf=\(csrf)", .contentType: "application/x-www-form-urlencoded"]
                func post(_ uri: String, _ body: String, cookie: String = "") async throws -> (
                    HTTPResponse.Status, HTTPFields, String
                ) {
                    var headers = form
                    if !cookie.isEmpty { headers[.cookie] = "miz_csrf=\(csrf); miz_session=\(cookie)" }
                    return try await http.execute(
                        uri: uri, method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(csrf)&" + body)
                    ) { ($0.status, $0.headers, String(buffer: $0.body)) }
                }
                func session(_ headers: HTTPFields) throws -> String {
                    let cookie = headers[values: .setCookie].first { $0.hasPrefix("miz_session=") } ?? ""
                    return String(try #require(cookie.firstMatch(of: /miz_session=([^;]+)/)?.output.1))
                }
                let (wrong, _, wrongPage) = try await post("/vorood/karkonan", "username=admin&password=nope")
                #expect(wrong == .unauthorized && wrongPage.contains(IdentityLoginMessages.staffInvalid))
                let (ok, okHeaders, _) = try await post(
                    "/vorood/karkonan", "username=admin&password=administrator+secret")
                #expect(ok == .seeOther && okHeaders[.location] == "/kartabl")
                let admin = try session(okHeaders)
                let (_, _, created) = try await post(
                    "/kartabl/karbaran",
                    "role=official&username=fars1&displayName=%DA%A9%D8%A7%D8%B1%D8%B4%D9%86%D8%A7%D8%B3&province=fars&password=official+secret+1",
                    cookie: admin)
                #expect(created.contains("fars1") && created.contains("فارس"))
                let (_, _, reset) = try await post(
                    "/kartabl/karbaran/gozarvazhe", "username=fars1&password=official+secret+2", cookie: admin)
                #expect(reset.contains("تازه شد"))
                let (_, officialHeaders, _) = try await post(
                    "/vorood/karkonan", "username=fars1&password=official+secret+2")
                let official = try session(officialHeaders)
                let inbox = try await http.execute(
                    uri: "/kartabl", method: .get, headers: [.cookie: "miz_session=\(official)"]
                ) { ($0.status, String(buffer: $0.body)) }
                // No requests service runs in this desk: the inbox says so, and still who is in.
                #expect(inbox.0 == .serviceUnavailable && inbox.1.contains("استان‌های شما: فارس"))
                #expect(inbox.1.contains("کارتابل اکنون در دسترس نیست"))
                let manage = try await http.execute(
                    uri: "/kartabl/karbaran", method: .get,
                    headers: [.cookie: "miz_session=\(official)", HTTPField.Name("X-Miz-Caller")!: "administrator"]
                ) { $0.status }
                #expect(manage == .forbidden)
            }
        }
    }

    @Test("rate limits count the client address: X-Forwarded-For only from a trusted proxy, never from anyone")
    func clientAddressForRateLimits() async throws {
        var policy = AuthPolicy()
        policy.startsPerAddress = 1
        @Sendable func start(_ http: any TestClientProtocol, _ code: String, forwardedFor: String) async throws
            -> HTTPResponse.Status
        {
            try await http.send(
                .post, "/api/v1/auth/citizen/start", json: #"{"nationalCode":"\#(code)","mobile":"09121234567"}"#,
                headers: [HTTPField.Name("X-Forwarded-For")!: forwardedFor]
            ).status
        }
        // Behind a trusted proxy (the test connects from 127.0.0.1): each forwarded client has its own limit.
        try await AuthDesk.run(policy: policy, trustedProxies: ["127.0.0.1"]) { desk in
            try await desk.http(.live) { http in
                let status1 = try await start(http, "0012345679", forwardedFor: "203.0.113.1")
                #expect(status1 == .ok)
                let status2 = try await start(http, "0023456787", forwardedFor: "203.0.113.1")
                #expect(status2 == .tooManyRequests)
                let status3 = try await start(http, "0034567895", forwardedFor: "198.51.100.9, 203.0.113.2")
                #expect(status3 == .ok)
            }
        }
        // Without a trusted proxy the header is ignored: a client cannot dodge the limit with it.
        try await AuthDesk.run(policy: policy) { desk in
            try await desk.http(.live) { http in
                let status4 = try await start(http, "0012345679", forwardedFor: "203.0.113.1")
                #expect(status4 == .ok)
                let status5 = try await start(http, "0023456787", forwardedFor: "203.0.113.2")
                #expect(status5 == .tooManyRequests)
            }
        }
    }
}
