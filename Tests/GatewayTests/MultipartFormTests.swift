import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import MizSchema
import MizStorageTesting
import NIOCore
import Testing

@Suite("Gateway: multipart form reading")
struct MultipartFormTests {
    /// A request with a multipart body, as the router hands it to a route.
    static func request(_ body: UploadBody, contentType: String? = nil) -> Request {
        let head = HTTPRequest(
            method: .post, scheme: "http", authority: "localhost", path: "/",
            headerFields: [.contentType: contentType ?? body.contentType])
        return Request(head: head, body: .init(buffer: body.buffer))
    }

    @Test("fields keep every value; files keep their bytes and a bare name; an empty file input is left out")
    func fieldsAndFiles() async throws {
        var body = UploadBody(text: [("species", "pine"), ("species", "oak"), ("county", " لواسان ")])
        body.files = [
            UploadFile(field: "national_card", fileName: "C:\\Users\\ali\\کارت ملی.pdf", data: UploadSamples.pdf),
            UploadFile(field: "planting_site_document", fileName: "", data: Data()),
        ]
        let form = try await MultipartForm.read(Self.request(body))
        #expect(form.values["species"] == ["pine", "oak"])
        #expect(form.all("species") == ["pine", "oak"])
        #expect(form["county"] == "لواسان")
        #expect(form.files.count == 1)
        #expect(form.files.first?.field == "national_card")
        #expect(form.files.first?.fileName == "کارت ملی.pdf")
        #expect(form.files.first?.data == UploadSamples.pdf)
    }

    @Test("a part over its limit, a body over its limit, a form that is not multipart: Persian errors")
    func limits() async throws {
        let big = UploadBody(
            text: [], files: [UploadFile(field: "doc", fileName: "big.pdf", data: Data(repeating: 0x25, count: 5000))])
        let part = await busError { try await MultipartForm.read(Self.request(big), maximumPartSize: 4096) }
        #expect(part?.code == .invalidInput)
        #expect(part?.message.contains("مگابایت") == true)
        #expect(part?.fields.map(\.field) == ["doc"])
        let whole = await busError {
            try await MultipartForm.read(Self.request(big), maximumBodySize: 1024, maximumPartSize: 1 << 20)
        }
        #expect(whole?.code == .invalidInput)
        #expect(whole?.message.contains("حجم کل") == true)
        let plain = await busError {
            try await MultipartForm.read(Self.request(big, contentType: "application/x-www-form-urlencoded"))
        }
        #expect(plain?.code == .invalidInput)
        var cut = big.buffer
        cut.moveWriterIndex(to: cut.writerIndex - 40)
        let truncated = await busError {
            try await MultipartForm.read(
                Request(
                    head: HTTPRequest(
                        method: .post, scheme: "http", authority: "localhost", path: "/",
                        headerFields: [.contentType: big.contentType]), body: .init(buffer: cut)))
        }
        #expect(truncated?.code == .invalidInput)
    }

}
