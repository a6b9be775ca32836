import Foundation
import MizRuntime

/// A generic SMS web service: `POST <url>` with `{"to": "+98912…", "text": "…", "reference":
/// "<event id>"}` and `Authorization: Bearer <key>`; a 2xx answer (optionally `{"id": "…"}`)
/// means accepted.
///
/// 429, 5xx, timeouts and connection errors are temporary (the relay retries with backoff);
/// any other status is a permanent refusal. A 2xx whose body is not the expected JSON still
/// counts as accepted: retrying it could send the SMS twice.
package struct HTTPSMSProvider: SMSProvider {
    /// The JSON body sent.
    package struct Submission: Codable, Sendable, Equatable {
        /// E.164, "+98912…".
        package var to: String
        package var text: String
        /// The event id, for providers that de-duplicate.
        package var reference: String
    }

    /// The JSON answer read, when there is one.
    package struct Acceptance: Codable, Sendable, Equatable {
        package var id: String?
    }

    package let url: URL
    private let key: String
    package let timeout: Duration
    private let transport: any JSONPostTransport

    /// A provider at `url` with `key`.
    package init(
        url: URL, key: String, timeout: Duration = .seconds(5),
        transport: any JSONPostTransport = URLSessionJSONPostTransport()
    ) {
        self.url = url
        self.key = key
        self.timeout = timeout
        self.transport = transport
    }

    package func deliver(_ sms: OutgoingSMS) async -> SMSDeliveryOutcome {
        let international = sms.recipient.hasPrefix("0") ? "+98" + sms.recipient.dropFirst() : sms.recipient
        let submission = Submission(to: international, text: sms.text, reference: sms.eventId)
        guard let body = try? JSONEncoder().encode(submission) else { return .permanentFailure("unencodable message") }
        var headers: [String: String] = [:]
        if !key.isEmpty { headers["Authorization"] = "Bearer \(key)" }
        let reply: JSONPostReply
        do {
            reply = try await transport.post(url, body: body, headers: headers, timeout: timeout)
        } catch {
            return .temporaryFailure("no answer: \(error)")
        }
        switch reply.status {
        case 200..<300:
            return .delivered(providerMessageId: (try? JSONDecoder().decode(Acceptance.self, from: reply.body))?.id)
        case 429, 500...:
            return .temporaryFailure("status \(reply.status)")
        default:
            return .permanentFailure("status \(reply.status)")
        }
    }
}
