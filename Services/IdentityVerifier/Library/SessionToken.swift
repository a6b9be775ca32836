import Crypto
import Foundation
import MizSchema

/// A session token: `v1.<claims>.<signature>`, where claims is the base64url JSON of
/// ``Claims`` and signature the base64url HMAC-SHA256 of `v1.<claims>` under the session key.
///
/// Why HMAC and not a public-key signature: only the identity service makes and checks
/// tokens (the gateway asks it through `identity.session`), so a shared secret is enough,
/// and the check is cheap.
package enum SessionToken {
    /// What a token says: session id, caller kind, subject and expiry (seconds since 1970).
    package struct Claims: Codable, Sendable, Equatable {
        package var sid: String
        package var kind: Caller.Kind
        package var sub: String
        package var exp: Int64

        package init(sid: String, kind: Caller.Kind, sub: String, exp: Int64) {
            self.sid = sid
            self.kind = kind
            self.sub = sub
            self.exp = exp
        }
    }

    /// The signed token of `claims`.
    package static func sign(_ claims: Claims, key: SymmetricKey) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = "v1." + base64URL((try? encoder.encode(claims)) ?? Data())
        let signature = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: key)
        return body + "." + base64URL(Data(signature))
    }

    /// The claims of a token whose signature is right (checked in constant time), or nil.
    /// Expiry is the caller's to check.
    package static func verify(_ token: String, key: SymmetricKey) -> Claims? {
        guard token.utf8.count < 2048 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let claimsData = data(base64URL: parts[1]),
            let signature = data(base64URL: parts[2])
        else { return nil }
        let body = Data("v1.\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: body, using: key) else { return nil }
        return try? JSONDecoder().decode(Claims.self, from: claimsData)
    }

    /// Base64url without padding.
    package static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url without padding.
    package static func data(base64URL text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    /// A random id: 128 bits as 32 hex digits.
    package static func randomId() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }
            .map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
    }
}
