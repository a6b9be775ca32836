import Foundation
import HTTPTypes
import Hummingbird
import MizPersian
import MizSchema
import MultipartKit
import NIOCore

/// A posted `multipart/form-data` body: its text fields and its files, read as it streams in
/// with multipart-kit's `MultipartParser`, within limits on the whole body and on each part.
///
/// Uploads come this way from the request, inbox and complaint forms (which work without
/// JavaScript) and from the API. The files are handed to the requests or feedback service as
/// bus attachment frames, byte for byte; their types and exact size limits are the service's to
/// check, the limits here only keep the gateway from holding more than any service accepts.
package struct MultipartForm: Sendable {
    /// One uploaded file.
    package struct File: Sendable {
        /// The form field's name (a required document's key).
        package var field: String
        /// The file name the browser sent, without any folder.
        package var fileName: String
        /// The bytes.
        package var data: Data
    }

    /// The largest body accepted: more than the largest set of documents a profile asks for.
    package static let maximumBodySize = 64 * 1024 * 1024
    /// The largest part accepted: the largest document size a profile allows (20 MB).
    package static let maximumPartSize = 20 * 1024 * 1024
    /// The largest text field accepted.
    static let maximumFieldSize = 64 * 1024

    /// Text fields by name, each with every value sent, in order.
    package private(set) var values: [String: [String]] = [:]
    /// Files, in the order sent; an empty file input (nothing chosen) is left out.
    package private(set) var files: [File] = []

    /// The first value of `name`, trimmed; nil when absent or blank.
    package subscript(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }

    /// The first value of `name` as sent.
    package func raw(_ name: String) -> String? { values[name]?.first }

    /// A form of text fields only, for a page that also takes its form urlencoded (sent
    /// without a file input), so both bodies are read the same way.
    package init(fields: [String: String]) {
        values = fields.mapValues { [$0] }
    }

    private init() {}

    /// The first file sent in `field`; nil when none was chosen.
    package func file(_ field: String) -> File? {
        files.first { $0.field == field }
    }

    /// Every non-blank value of `name` (checkboxes).
    package func all(_ name: String) -> [String] {
        (values[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Whether a request says its body is multipart form data.
    package static func isMultipart(_ request: Request) -> Bool {
        boundary(of: request) != nil
    }

    /// Reads a request's body.
    ///
    /// - Throws: `BusError.invalidInput` with a Persian message when the body is not
    ///   multipart form data or is malformed, or a part or the whole is over its limit.
    package static func read(
        _ request: Request, maximumBodySize: Int = maximumBodySize, maximumPartSize: Int = maximumPartSize
    ) async throws -> MultipartForm {
        guard let boundary = boundary(of: request) else {
            throw BusError(.invalidInput, message: "فرم باید به شکل multipart/form-data فرستاده شود.")
        }
        let reader = PartReader(boundary: boundary, maximumPartSize: maximumPartSize)
        var total = 0
        for try await buffer in request.body {
            total += buffer.readableBytes
            guard total <= maximumBodySize else {
                throw BusError(
                    .invalidInput,
                    message:
                        "حجم کل فرم و پرونده‌ها از \(PersianDigits.display(maximumBodySize / 1024 / 1024)) مگابایت بیشتر است."
                )
            }
            try reader.feed(buffer)
        }
        return try reader.finish()
    }

    /// The boundary of a `multipart/form-data` content type.
    static func boundary(of request: Request) -> String? {
        guard let type = request.headers[.contentType],
            type.lowercased().hasPrefix("multipart/form-data")
        else { return nil }
        for parameter in type.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    /// Collects the parser's callbacks into fields and files; lives inside one `read` call.
    private final class PartReader {
        let parser: MultipartParser
        let maximumPartSize: Int
        var form = MultipartForm()
        var headers: [String: String] = [:]
        var body = Data()
        var failure: BusError?
        var completed = false

        init(boundary: String, maximumPartSize: Int) {
            parser = MultipartParser(boundary: boundary)
            self.maximumPartSize = maximumPartSize
            parser.onHeader = { [unowned self] name, value in headers[name.lowercased()] = value }
            parser.onBody = { [unowned self] buffer in
                guard failure == nil else { return }
                if body.count + buffer.readableBytes > maximumPartSize {
                    let message = Self.partTooLarge(maximumPartSize)
                    let field = headers["content-disposition"].flatMap { Self.parameter("name", of: $0) }
                    failure = BusError(
                        .invalidInput, message: message,
                        fields: field.map { [FieldError(field: $0, message: message)] } ?? [])
                    return
                }
                body.append(contentsOf: buffer.readableBytesView)
            }
            parser.onPartComplete = { [unowned self] in
                completePart()
            }
        }

        static func partTooLarge(_ limit: Int) -> String {
            "حجم هر پرونده نباید از \(PersianDigits.display(limit / 1024 / 1024)) مگابایت بیشتر باشد."
        }

        func feed(_ buffer: ByteBuffer) throws {
            do {
                try parser.execute(buffer)
            } catch {
                throw BusError(.invalidInput, message: "فرم ارسالی خوانا نیست؛ دوباره بفرستید.")
            }
            if let failure { throw failure }
        }

        func finish() throws -> MultipartForm {
            if let failure { throw failure }
            guard completed else { throw BusError(.invalidInput, message: "فرم ارسالی کامل نرسید؛ دوباره بفرستید.") }
            return form
        }

        func completePart() {
            defer {
                headers = [:]
                body = Data()
            }
            completed = true
            guard failure == nil, let disposition = headers["content-disposition"],
                let name = Self.parameter("name", of: disposition)
            else { return }
            if let fileName = Self.parameter("filename", of: disposition) {
                guard !body.isEmpty || !fileName.isEmpty else { return }
                let base = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
                form.files.append(File(field: name, fileName: String(base.prefix(200)), data: body))
            } else {
                guard body.count <= MultipartForm.maximumFieldSize else {
                    failure = BusError(.invalidInput, message: "متن یکی از خانه‌های فرم بیش از اندازه بلند است.")
                    return
                }
                form.values[name, default: []].append(String(decoding: body, as: UTF8.self))
            }
        }

        /// A parameter of a `Content-Disposition` value, such as `name` or `filename`.
        static func parameter(_ key: String, of header: String) -> String? {
            var rest = Substring(header)
            while let semicolon = rest.firstIndex(of: ";") {
                rest = rest[rest.index(after: semicolon)...].drop { $0 == " " }
                guard let equals = rest.firstIndex(of: "=") else { return nil }
                let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                var value = rest[rest.index(after: equals)...]
                let text: String
                if value.first == "\"" {
                    // Browsers write `"` as %22 in a quoted name and leave `\` as it is (a
                    // Windows path), so a quoted value simply runs to the next quote.
                    value = value.dropFirst()
                    let end = value.firstIndex(of: "\"") ?? value.endIndex
                    text = String(value[..<end])
                    rest = end < value.endIndex ? value[value.index(after: end)...] : ""
                } else {
                    let stop = value.firstIndex(of: ";") ?? value.endIndex
                    text = value[..<stop].trimmingCharacters(in: .whitespaces)
                    rest = value[stop...]
                }
                if name == key { return text }
            }
            return nil
        }
    }
}
