import HTTPTypes
import Hummingbird
import NIOCore

/// A file the gateway makes once at start instead of reading it (the web app manifest, the
/// service worker), served from memory with its content type, its cache policy and an ETag.
package struct WebDocument: Sendable {
    package var bytes: ByteBuffer
    package var contentType: String
    package var cacheControl: String
    /// The quoted entity tag: a hash of the content.
    package var etag: String
    /// Headers the document carries besides those of every file.
    package var extraHeaders: HTTPFields

    /// A document of `text` in UTF-8.
    package init(text: String, contentType: String, cacheControl: String, extraHeaders: HTTPFields = [:]) {
        bytes = ByteBuffer(string: text)
        self.contentType = contentType
        self.cacheControl = cacheControl
        etag = "\"\(FNV1a64.hexDigest(text.utf8).prefix(12))\""
        self.extraHeaders = extraHeaders
    }

    /// The document, or 304 when `ifNoneMatch` names its ETag.
    package func response(ifNoneMatch: String?) -> Response {
        var response = WebResponse.file(
            bytes, contentType: contentType, cacheControl: cacheControl, etag: etag, ifNoneMatch: ifNoneMatch)
        for field in extraHeaders { response.headers.append(field) }
        return response
    }
}
