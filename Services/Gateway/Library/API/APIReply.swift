import Foundation
import HTTPTypes
import Hummingbird
import MizSchema

/// A JSON body of the API ready to send: its bytes, their strong entity tag and the caching
/// rule, made once and then answered many times from the reply cache.
///
/// The body is encoded with sorted keys, so the same catalog state gives the same bytes, and
/// so the same `ETag`, on every gateway instance; Persian text is written as UTF-8, never as
/// `\u` escapes.
package struct APIReply: Sendable {
    /// The `Cache-Control` of a catalog read: any cache may store it but must revalidate it
    /// with `If-None-Match` before each use. The tag makes that cheap (304, no body), and an
    /// edit reaches the reader as soon as the gateway sees it.
    package static let revalidate = "public, no-cache"
    /// The `Cache-Control` of something that never changes under its URL, such as a past
    /// version of a profile.
    package static let immutable = "public, max-age=86400, immutable"
    /// The `Content-Type` of every JSON body.
    package static let contentType = "application/json; charset=utf-8"

    /// The encoded JSON.
    package let body: ByteBuffer
    /// The quoted strong entity tag of `body`.
    package let entityTag: String
    /// The `Cache-Control` value sent with it.
    package let cacheControl: String

    /// Wraps ready JSON bytes.
    package init(json: Data, cacheControl: String = APIReply.revalidate) {
        body = ByteBuffer(bytes: json)
        entityTag = EntityTag.strong(for: json)
        self.cacheControl = cacheControl
    }

    /// Encodes a value as the API's JSON.
    ///
    /// - Throws: `BusError.internal` when the value cannot be encoded (a programming error,
    ///   never the caller's).
    package init(encoding value: some Encodable, cacheControl: String = APIReply.revalidate) throws(BusError) {
        do {
            self.init(json: try Self.encoder.encode(value), cacheControl: cacheControl)
        } catch {
            throw BusError(.internal)
        }
    }

    /// The response to `request`: `304 Not Modified` without a body when its `If-None-Match`
    /// names this body's tag, else `200 OK` with the body.
    package func response(to request: Request) -> Response {
        var headers: HTTPFields = [.eTag: entityTag, .cacheControl: cacheControl]
        if EntityTag.ifNoneMatch(request.headers[values: .ifNoneMatch], matches: entityTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = Self.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// The API's JSON encoder: the wire's ISO 8601 dates, sorted keys, unescaped slashes.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
