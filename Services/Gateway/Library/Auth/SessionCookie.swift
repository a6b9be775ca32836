import Foundation
import HTTPTypes
import Hummingbird

/// The session and CSRF cookies of the pages.
///
/// `miz_session` carries the signed token: HttpOnly (no script reads it), SameSite=Lax (not
/// sent on cross-site POSTs), Path=/, and Secure when the request came over TLS (as the
/// `X-Forwarded-Proto` of a TLS-terminating proxy says). `miz_csrf` is a random value the
/// forms echo in a hidden field (double submit), also HttpOnly since the server renders it.
package enum SessionCookie {
    /// The session cookie's name.
    package static let sessionName = "miz_session"
    /// The CSRF cookie's name.
    package static let csrfName = "miz_csrf"
    /// The form field and the header that carry the CSRF token.
    package static let csrfField = "csrf"
    /// The header an API client using the session cookie sends the CSRF token in.
    package static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// `X-Forwarded-Proto`.
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// Whether the request reached the desk over TLS.
    package static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https"
            || request.headers[forwardedProto]?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces)
                .lowercased() == "https"
    }

    /// The cookie that stores a session token until `expiresAt`.
    package static func session(_ token: String, expiresAt: Date, request: Request) -> Cookie {
        Cookie(
            name: sessionName, value: token, maxAge: max(0, Int(expiresAt.timeIntervalSinceNow)), path: "/",
            secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    /// The cookie that clears the session.
    package static func clearedSession(request: Request) -> Cookie {
        Cookie(
            name: sessionName, value: "", maxAge: 0, path: "/", secure: isSecure(request), httpOnly: true,
            sameSite: .lax)
    }

    /// The CSRF cookie with a value.
    package static func csrf(_ value: String, request: Request) -> Cookie {
        Cookie(name: csrfName, value: value, path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    /// The token a request carries: `Authorization: Bearer …` first, then the cookie.
    package static func token(of request: Request) -> (token: String, fromCookie: Bool)? {
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            let token = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : (token, false)
        }
        if let cookie = request.cookies[sessionName]?.value, !cookie.isEmpty { return (cookie, true) }
        return nil
    }

    /// A fresh random CSRF token: 128 bits, hex.
    package static func newCSRFToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    /// Compares two tokens in time independent of where they differ.
    package static func same(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
