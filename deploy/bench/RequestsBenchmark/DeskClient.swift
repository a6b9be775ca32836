import Foundation
import MizPersian

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The benchmark's HTTP calls to a running gateway: a citizen's login through the real
/// `/api/v1/auth/citizen` routes with the code read from the development SMS inbox
/// (`/dev/sms`), and `POST /api/v1/requests`.
///
/// Every call carries the citizen's own `X-Forwarded-For`: the gateway runs with
/// `--trusted-proxy 127.0.0.1`, which stands for a load balancer in front, so each synthetic
/// citizen is its own client address for the per-address limits.
struct DeskClient: Sendable {
    /// The gateway's base address, e.g. `http://127.0.0.1:18080`.
    let base: URL
    /// The session the calls share (its connection pool).
    let session: URLSession

    /// What went wrong with one call.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Logs `citizen` in and returns the session token for `Authorization: Bearer`.
    func login(nationalCode: String, mobile: String, address: String) async throws -> String {
        struct Challenge: Decodable { var challengeId: String }
        struct Session: Decodable { var token: String }
        let (startData, _) = try await send(
            "POST", "api/v1/auth/citizen/start", address: address,
            json: try JSONEncoder().encode(["nationalCode": nationalCode, "mobile": mobile]))
        let challenge = try JSONDecoder().decode(Challenge.self, from: startData)
        // The SMS goes out through the notifier's outbox, a moment after the start returns.
        for attempt in 0..<30 {
            if let code = try await smsCode(for: mobile, address: address) {
                let (verifyData, _) = try await send(
                    "POST", "api/v1/auth/citizen/verify", address: address,
                    json: try JSONEncoder().encode(["challengeId": challenge.challengeId, "code": code]))
                return try JSONDecoder().decode(Session.self, from: verifyData).token
            }
            try await Task.sleep(for: .milliseconds(20 * (attempt + 1)))
        }
        throw Failure(description: "no login code arrived in /dev/sms for a citizen")
    }

    /// The newest login code sent to `mobile`, read from the development SMS inbox page.
    func smsCode(for mobile: String, address: String) async throws -> String? {
        let (page, _) = try await send("GET", "dev/sms", address: address)
        let html = PersianDigits.latin(String(decoding: page, as: UTF8.self))
        for item in html.components(separatedBy: "<li class=\"sms\">").dropFirst() {
            guard item.contains(">\(mobile)<"), let text = item.components(separatedBy: "sms__text\">").last,
                let range = text.range(of: "[0-9]{6}", options: .regularExpression)
            else { continue }
            return String(text[range])
        }
        return nil
    }

    /// Sends one multipart submission; returns the HTTP status.
    func submit(form: Data, boundary: String, token: String, address: String) async throws -> Int {
        var request = URLRequest(url: base.appendingPathComponent("api/v1/requests"))
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue(UUID().uuidString, forHTTPHeaderField: "Idempotency-Key")
        request.setValue(address, forHTTPHeaderField: "X-Forwarded-For")
        let (_, response) = try await session.upload(for: request, from: form)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// One call; throws unless the status is 2xx.
    private func send(_ method: String, _ path: String, address: String, json: Data? = nil) async throws -> (
        Data, Int
    ) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        request.setValue(address, forHTTPHeaderField: "X-Forwarded-For")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = json
        }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw Failure(
                description: "\(method) /\(path): HTTP \(status) \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
        return (data, status)
    }
}
