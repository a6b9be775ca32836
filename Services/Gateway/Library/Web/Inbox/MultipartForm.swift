import Foundation
import HTTPTypes
import Hummingbird
import MizSchema
import MultipartKit
import NIOCore

/// A posted `multipart/form-data` body: the text fields and the files, read with MultipartKit's
/// streaming parser. Used where an official uploads the result document, from the review
/// page's form (without JavaScript) and from the JSON API.
///
/// The body is collected up to `maximumBytes`; a larger one is refused with a Persian message
/// before anything reaches the requests service, which checks the file's type and size again.
package struct MultipartForm: Sendable {
    /// One uploaded file.
    package struct File: Sendable {
        /// The file name as the browser gave it (shown only; never trusted for the type).
        package var fileName: String
        /// The bytes.
        package var content: Data
    }

    /// The text fields by name; a name sent twice keeps its first value.
    package private(set) var fields: [String: String] = [:]
    /// The files by field name; a name sent twice keeps its first file.
    package private(set) var files: [String: File] = [:]

    /// The largest body accepted: the largest result document plus room for the fields.
    package static let maximumBytes = 21 * 1024 * 1024

    /// Reads the body of `request`.
    ///
    /// - Throws: `BusError.invalidInput` when the body is not `multipart/form-data`, is
    ///   malformed, or is larger than `maximumBytes`.
    package static func read(_ request: Request) async throws -> MultipartForm {
        guard let contentType = request.headers[.contentType], let boundary = boundary(of: contentType) else {
            throw BusError.invalidInput(
                [FieldError(field: "result", message: "فرم باید با نوع multipart/form-data فرستاده شود.")])
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw BusError.invalidInput(
                [FieldError(field: "result", message: "حجم فایل فرستاده‌شده از ۲۰ مگابایت بیشتر است.")])
        }
        return try MultipartForm(body: body, boundary: boundary)
    }

    /// Parses a whole body with its boundary.
    package init(body: ByteBuffer, boundary: String) throws(BusError) {
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: ByteBuffer)] = []
        var headers: [(String, String)] = []
        var content = ByteBuffer()
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in content.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append((headers, content))
            headers = []
            content = ByteBuffer()
        }
        do {
            try parser.execute(body)
        } catch {
            throw BusError.invalidInput([FieldError(field: "result", message: "فرم فرستاده‌شده خوانا نیست.")])
        }
        for part in parts {
            let disposition = part.headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            let parameters = Self.parameters(of: disposition)
            guard let name = parameters["name"] else { continue }
            if let fileName = parameters["filename"] {
                if files[name] == nil, part.body.readableBytes > 0 {
                    files[name] = File(fileName: fileName, content: Data(part.body.readableBytesView))
                }
            } else if fields[name] == nil {
                fields[name] = String(buffer: part.body)
            }
        }
    }

    /// The field's value, trimmed; nil when absent or blank.
    package subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// The boundary of a `multipart/form-data` content type, or nil for any other type.
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        return parameters(of: contentType)["boundary"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The `key=value` parameters of a header value, keys lowercased, quotes removed; a
    /// `filename*=UTF-8''…` form is decoded and wins over plain `filename`.
    static func parameters(of header: String) -> [String: String] {
        var found: [String: String] = [:]
        var extended: [String: String] = [:]
        for piece in Self.split(header) {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if key.hasSuffix("*") {
                let encoded = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if encoded.count == 3, let decoded = String(encoded[2]).removingPercentEncoding {
                    extended[String(key.dropLast())] = decoded
                }
                continue
            }
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            found[key] = value
        }
        return found.merging(extended) { _, new in new }
    }

    /// Splits a header value at the semicolons that are not inside quotes.
    static func split(_ header: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var previous: Character = " "
        for character in header {
            if character == "\"", previous != "\\" { quoted.toggle() }
            if character == ";", !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        pieces.append(current)
        return pieces
    }
}
