import Foundation
import MizSchema
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A demo citizen logs in through the real `broker`, `identity-verifier`, `notifier` and
/// `gateway` executables, reading the code from the development SMS inbox page as a developer
/// would.
@Suite("Citizen login through real processes", .serialized)
struct LoginSystemTests {
    private func send(_ method: String, _ url: String, json: String? = nil, headers: [String: String] = [:])
        async throws -> (HTTPURLResponse, Data)
    {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        return (try #require(response as? HTTPURLResponse), data)
    }

    @Test("national code and mobile, the code from /dev/sms, a session; logout ends it")
    func demoCitizenLogsIn() async throws {
        let folder = try TemporaryFolder()
        let brokerPort = FreePort.next()
        let httpPort = FreePort.next()
        let bus = "tcp://127.0.0.1:\(brokerPort)"
        let common = ["--curve", "off", "--ops-port", "0", "--data", folder.url.path]
        let processes = [
            try RunningProcess("broker", ["--bind", bus] + common, folder: folder.url),
            try RunningProcess(
                "identity-verifier", ["--broker", bus, "--registry-population", "100"] + common, folder: folder.url),
            try RunningProcess("notifier", ["--broker", bus, "--development"] + common, folder: folder.url),
            try RunningProcess(
                "gateway", ["--broker", bus, "--http-port", "\(httpPort)", "--development"] + common,
                folder: folder.url),
        ]
        let base = "http://127.0.0.1:\(httpPort)"
        defer { folder.remove() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        // Ready when the identity service answers through the gateway (a malformed code: 400).
        let ready = await waitUntil(.seconds(120)) {
            let (response, _) = try await send(
                "POST", "\(base)/api/v1/auth/citizen/start", json: #"{"nationalCode":"1","mobile":"09121234567"}"#)
            return response.statusCode == 400
        }
        #expect(ready, "\(processes.map(\.output).joined(separator: "\n"))")
        let (startResponse, startBody) = try await send(
            "POST", "\(base)/api/v1/auth/citizen/start", json: #"{"nationalCode":"0012345679","mobile":"09121234567"}"#)
        #expect(startResponse.statusCode == 200)
        let challengeId = try decoder.decode(IdentityLoginChallenge.self, from: startBody).challengeId
        let delivered = await waitUntil(.seconds(30)) {
            let (response, body) = try await send("GET", "\(base)/dev/sms")
            return response.statusCode == 200
                && String(decoding: body, as: UTF8.self).contains(/کد ورود شما: [۰-۹]{6}/)
        }
        #expect(delivered, "\(processes.map(\.output).joined(separator: "\n"))")
        let (_, inbox) = try await send("GET", "\(base)/dev/sms")
        let match = try #require(String(decoding: inbox, as: UTF8.self).firstMatch(of: /کد ورود شما: ([۰-۹]{6})/))
        let code: String? = String(match.output.1.unicodeScalars.map { Character(String($0.value - 0x06F0)) })
        let sent = try #require(code)
        let (verified, sessionBody) = try await send(
            "POST", "\(base)/api/v1/auth/citizen/verify", json: #"{"challengeId":"\#(challengeId)","code":"\#(sent)"}"#)
        #expect(verified.statusCode == 200)
        let session = try decoder.decode(IdentitySession.self, from: sessionBody)
        let bearer = ["Authorization": "Bearer \(session.token)"]
        let (me, meBody) = try await send("GET", "\(base)/api/v1/auth/me", headers: bearer)
        #expect(me.statusCode == 200)
        #expect(try decoder.decode(IdentitySessionStatus.self, from: meBody).caller.nationalCode == "0012345679")
        // The same code a second time is refused.
        let (again, _) = try await send(
            "POST", "\(base)/api/v1/auth/citizen/verify", json: #"{"challengeId":"\#(challengeId)","code":"\#(sent)"}"#)
        #expect(again.statusCode == 401)
        let (out, _) = try await send("POST", "\(base)/api/v1/auth/logout", headers: bearer)
        #expect(out.statusCode == 204)
        let (after, _) = try await send("GET", "\(base)/api/v1/auth/me", headers: bearer)
        #expect(after.statusCode == 401)
        // The signing key was made with mode 0600.
        let key = folder.url.appendingPathComponent("keys/identity-session.key").path
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        for process in processes.reversed() { await process.stop() }
    }
}
