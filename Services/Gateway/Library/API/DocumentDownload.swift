import Foundation
import HTTPTypes
import Hummingbird
import MizSchema
import NIOCore

/// The HTTP response that hands a stored file of a request to its reader: the type detected
/// by the requests service (never the uploaded name's), an attachment disposition so the
/// browser saves rather than renders it, and no caching anywhere (it is personal data).
package enum DocumentDownload {
    /// `Content-Disposition`.
    static let contentDisposition = HTTPField.Name("Content-Disposition")!
    /// `X-Content-Type-Options`.
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!

    /// The response for a file and its description.
    package static func response(_ document: RequestDocument, content: Data) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: document.fileType.mediaType,
                contentDisposition: disposition(
                    document.fileName, fallback: "\(document.key).\(document.fileType.fileExtensions[0])"),
                .cacheControl: "no-store",
                contentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: content)))
    }

    /// `attachment` with an ASCII fallback name and the real (Persian) name in RFC 5987 form.
    static func disposition(_ fileName: String, fallback: String) -> String {
        let safe = fileName.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
        let ascii = safe && !fileName.isEmpty ? fileName : fallback
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
