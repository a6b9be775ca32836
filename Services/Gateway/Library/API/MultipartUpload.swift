import Foundation
import MizSchema
import MultipartKit
import NIOCore

/// A `multipart/form-data` body read with MultipartKit's parser: its text fields and its
/// files, for the forms and API calls that carry a document (a complaint's attachment).
///
/// The body is read whole, up to a limit the caller sets, before it is parsed: the parts go to
/// the bus as one message anyway.
package struct MultipartUpload: Sendable {
    /// One uploaded file.
    package struct File: Sendable {
        /// The file name the browser sent, for messages only.
        package var fileName: String
        package var data: Data
    }

    /// The text fields by name (the first of each name), trimmed.
    package private(set) var fields: [String: String] = [:]
    /// The files by field name; a file input left empty is not here.
    package private(set) var files: [String: File] = [:]

    /// An upload of text fields only (a form sent urlencoded, as without a file input).
    package init(fields: [String: String]) {
        self.fields = fields
    }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…`, or nil when the
    /// type is not multipart form data.
    package static func boundary(ofContentType contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Parses `body` cut by `boundary`.
    ///
    /// - Throws: `BusError(.invalidInput)` with a Persian message when the body is not
    ///   well-formed multipart data.
    package init(body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var headers: [String: String] = [:]
        var bytes = Data()
        var parts: [(headers: [String: String], bytes: Data)] = []
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in bytes.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            parts.append((headers, bytes))
            headers = [:]
            bytes = Data()
        }
        do {
            try parser.execute(body)
        } catch {
            throw BusError(.invalidInput, message: "فرم فرستاده‌شده خوانا نبود؛ دوباره بفرستید.")
        }
        for part in parts {
            guard let disposition = part.headers["content-disposition"],
                let name = Self.parameter("name", of: disposition)
            else { continue }
            if let fileName = Self.parameter("filename", of: disposition) {
                if !part.bytes.isEmpty, files[name] == nil { files[name] = File(fileName: fileName, data: part.bytes) }
            } else if fields[name] == nil {
                fields[name] = String(decoding: part.bytes, as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            }
        }
    }

    /// The value of `field`, nil when absent or blank.
    package subscript(_ field: String) -> String? {
        guard let value = fields[field], !value.isEmpty else { return nil }
        return value
    }

    /// A parameter of a `Content-Disposition` value, such as `name="text"`.
    static func parameter(_ wanted: String, of disposition: String) -> String? {
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == wanted else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
