import Foundation
import HTTPTypes
import Hummingbird

/// Responses of the pages: HTML in UTF-8 with the headers every page carries.
package enum WebResponse {
    /// `X-Content-Type-Options`.
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    /// `Content-Security-Policy`.
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    /// `Referrer-Policy`.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// Only the site's own files; no inline script, no framing.
    static let policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    /// An HTML page or fragment.
    package static func html(_ html: String, status: HTTPResponse.Status = .ok, retryAfter: Int? = nil) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(html)
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-cache",
            .contentLanguage: "fa",
            contentTypeOptions: "nosniff",
            contentSecurityPolicy: policy,
            referrerPolicy: "same-origin",
        ]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// A file held in memory, with its type and cache policy, or 304 (without a body) when
    /// `ifNoneMatch` lists its ETag.
    package static func file(
        _ bytes: ByteBuffer, contentType: String, cacheControl: String, etag: String, ifNoneMatch: String?
    ) -> Response {
        var headers: HTTPFields = [
            .contentType: contentType, .cacheControl: cacheControl, .eTag: etag, contentTypeOptions: "nosniff",
        ]
        if let ifNoneMatch,
            ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag })
        {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(bytes.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    /// A redirect to another page of the site.
    package static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-cache"])
    }

    /// The page shown when even the templates could not be loaded: fixed text, no input.
    static let brokenSite = """
        <!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>خطای سامانه</title></head>\
        <body><main><h1>خطایی در سامانه رخ داد</h1><p>لطفاً بعداً دوباره تلاش کنید.</p></main></body></html>
        """
}
