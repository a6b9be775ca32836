import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `desk admin disable` and `desk admin enable` against a running desk: the operator shuts an
/// account from the machine, and the gateway then refuses its login.
@Suite("desk admin disable and enable", .serialized)
struct DeskAdminTests {
    @Test(
        "an official disabled from the machine cannot log in through the gateway; enabled, they can; unknown names and the last administrator are refused clearly"
    )
    func disableAndEnable() async throws {
        let desk = try DeskUnderTest()
        defer { desk.cleanUp() }
        try desk.start()
        let (created, last, _) = try await desk.createAdministrator()
        #expect(created, "desk admin create never succeeded; last:\n\(last)\n\(desk.upOutput)")
        let gateway = "http://127.0.0.1:\(desk.httpPort)"
        let (adminStatus, adminLogin) = try await Self.post(
            "\(gateway)/api/v1/auth/staff/login", #"{"username":"admin","password":"a long secret password"}"#)
        #expect(adminStatus == 200)
        let admin = try #require(adminLogin["token"] as? String)
        let (madeStatus, _) = try await Self.post(
            "\(gateway)/api/v1/staff",
            #"{"username":"fars1","displayName":"کارشناس فارس","role":"official","provinces":["fars"],"password":"official secret 1405"}"#,
            token: admin)
        #expect(madeStatus == 201)
        let official = #"{"username":"fars1","password":"official secret 1405"}"#
        let (before, opened) = try await Self.post("\(gateway)/api/v1/auth/staff/login", official)
        #expect(before == 200)
        let officialToken = try #require(opened["token"] as? String)

        let disabled = try await desk.run(["admin", "disable", "fars1"], timeout: .seconds(30))
        #expect(disabled.status == 0 && disabled.stdout.contains("account fars1 disabled"), "\(disabled.output)")
        let (refused, refusal) = try await Self.post("\(gateway)/api/v1/auth/staff/login", official)
        let message = (refusal["error"] as? [String: Any])?["message"] as? String
        #expect(refused == 403 && message?.contains("حساب شما غیرفعال است") == true, "\(refusal)")
        // The session opened before is over (this gateway may keep a positive answer 5 s; the API asks anew after).
        let sessionEnded = await deskWait(.seconds(20)) {
            (try? await Self.get("\(gateway)/api/v1/auth/me", token: officialToken).0) == 401
        }
        #expect(sessionEnded)

        let unknown = try await desk.run(["admin", "disable", "nobody"], timeout: .seconds(30))
        #expect(unknown.status != 0, "\(unknown.output)")
        #expect(unknown.stderr.contains("no staff account is named nobody"), "\(unknown.output)")
        #expect(unknown.stderr.contains("کاربری با این نام یافت نشد"), "\(unknown.output)")
        let lastAdministrator = try await desk.run(["admin", "disable", "admin"], timeout: .seconds(30))
        #expect(lastAdministrator.status != 0, "\(lastAdministrator.output)")
        #expect(lastAdministrator.stderr.contains("--even-if-last-administrator"), "\(lastAdministrator.output)")
        #expect(try await Self.get("\(gateway)/api/v1/auth/me", token: admin).0 == 200)

        // The audit log names the desk: it disabled fars1, and was refused the last administrator.
        let (_, audit) = try await Self.get(
            "\(gateway)/api/v1/audit?actor=desk&action=staffDisable", token: admin)
        let rows = audit["items"] as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["target"] as? String } == ["admin", "fars1"], "\(audit)")
        #expect(rows.compactMap { $0["outcome"] as? String } == ["refused", "success"], "\(audit)")

        let enabled = try await desk.run(["admin", "enable", "fars1"], timeout: .seconds(30))
        #expect(enabled.status == 0 && enabled.stdout.contains("account fars1 enabled"), "\(enabled.output)")
        #expect(try await Self.post("\(gateway)/api/v1/auth/staff/login", official).0 == 200)

        // The recovery: the only administrator disabled on purpose; its session ends, its login is refused.
        let forced = try await desk.run(
            ["admin", "disable", "admin", "--even-if-last-administrator"], timeout: .seconds(30))
        #expect(forced.status == 0, "\(forced.output)")
        let (adminAfter, _) = try await Self.post(
            "\(gateway)/api/v1/auth/staff/login", #"{"username":"admin","password":"a long secret password"}"#)
        #expect(adminAfter == 403)
        let status = await desk.interrupt(timeout: .seconds(90))
        #expect(status == 0, "\(desk.upOutput)")
    }

    static func post(_ address: String, _ json: String, token: String? = nil) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: try #require(URL(string: address)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(json.utf8)
        return try await send(request)
    }

    static func get(_ address: String, token: String) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: try #require(URL(string: address)))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        return try await send(request)
    }

    static func send(_ request: URLRequest) async throws -> (Int, [String: Any]) {
        let (body, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }
}
