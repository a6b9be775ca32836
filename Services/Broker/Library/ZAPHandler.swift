import Foundation
import ZeroMQ

/// Answers ZAP 1.0 requests (rfc.zeromq.org/spec/27) for the broker's CURVE server: admits a
/// CURVE client whose public key is in the authorized keys, refuses everyone else.
package struct ZAPHandler {
    /// The inproc endpoint where libzmq looks for the ZAP handler of a context.
    package static let endpoint = "inproc://zeromq.zap.01"

    /// What the handler decided about one connection.
    package struct Decision: Equatable, Sendable {
        /// The reply frames for the REP socket.
        package var reply: [Data]
        /// True when the connection is admitted.
        package var admitted: Bool
        /// For a refusal: the first 8 characters of the key (never more), or nil.
        package var keyPrefix: String?
        /// For a refusal: why, for the log.
        package var reason: String
    }

    /// The keys that may connect.
    package var authorizedKeys: AuthorizedKeys

    /// Makes a handler over an allow-list.
    package init(authorizedKeys: AuthorizedKeys) {
        self.authorizedKeys = authorizedKeys
    }

    /// Decides on one ZAP request (version, request id, domain, address, identity, mechanism,
    /// credentials…) and builds the reply (version, request id, status code, status text,
    /// user id, metadata). Malformed requests get "500" rather than no answer, since a REP
    /// socket must answer before it can read the next request.
    package mutating func handle(_ request: [Data]) -> Decision {
        let requestId = request.count > 1 ? request[1] : Data()
        guard request.count >= 6, request[0] == Data("1.0".utf8) else {
            return refusal(requestId, status: "500", reason: "malformed ZAP request", keyPrefix: nil)
        }
        guard request[5] == Data("CURVE".utf8) else {
            let mechanism = String(decoding: request[5].prefix(16), as: UTF8.self)
            return refusal(requestId, status: "400", reason: "mechanism \(mechanism) is not CURVE", keyPrefix: nil)
        }
        guard request.count == 7, let key = CurveKeyPair.z85Encode(rawKey: request[6]) else {
            return refusal(
                requestId, status: "400", reason: "CURVE credentials are not one 32-byte key", keyPrefix: nil)
        }
        guard authorizedKeys.contains(key) else {
            return refusal(requestId, status: "400", reason: "key not authorized", keyPrefix: String(key.prefix(8)))
        }
        return Decision(
            reply: Self.reply(requestId, status: "200", text: "OK", userId: key),
            admitted: true,
            keyPrefix: nil,
            reason: "OK"
        )
    }

    private func refusal(_ requestId: Data, status: String, reason: String, keyPrefix: String?) -> Decision {
        Decision(
            reply: Self.reply(requestId, status: status, text: reason, userId: ""),
            admitted: false,
            keyPrefix: keyPrefix,
            reason: reason
        )
    }

    private static func reply(_ requestId: Data, status: String, text: String, userId: String) -> [Data] {
        [Data("1.0".utf8), requestId, Data(status.utf8), Data(text.utf8), Data(userId.utf8), Data()]
    }
}
