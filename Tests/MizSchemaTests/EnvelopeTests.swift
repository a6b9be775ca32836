import Foundation
import Testing

@testable import MizSchema

@Suite("Wire schema")
struct EnvelopeTests {
    @Test("an envelope survives JSON with every field")
    func envelopeRoundTrip() throws {
        let caller = Caller(
            kind: .staff, staffId: "s-1", role: .official, provinces: ["fars"], clientAddress: "127.0.0.1")
        let envelope = Envelope(
            route: "requests.inbox", deadline: Date(timeIntervalSince1970: 1_800_000_000.123),
            idempotencyKey: "k-1", caller: caller)
        let data = try WireCoding.encoder.encode(envelope)
        let decoded = try WireCoding.decoder.decode(Envelope.self, from: data)
        #expect(decoded == envelope)
        #expect(decoded.deadlineMilliseconds == 1_800_000_000_123)
        #expect(decoded.service == "requests")
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"route\":\"requests.inbox\""))
        #expect(json.contains("\"deadlineMilliseconds\":1800000000123"))
    }

    @Test("a reply envelope keeps id, trace and route, and drops the caller")
    func replyEnvelope() {
        let request = Envelope(
            route: "catalog.search", deadline: Date(), caller: Caller(kind: .citizen, nationalCode: "0012345679"))
        let reply = request.reply(.error)
        #expect(reply.messageId == request.messageId)
        #expect(reply.traceId == request.traceId)
        #expect(reply.route == request.route)
        #expect(reply.caller == nil)
        #expect(reply.outcome == .error)
    }

    @Test("trace ids are 32 lowercase hex digits and message ids unique")
    func identifiers() {
        let ids = (0..<200).map { _ in Envelope.makeTraceId() }
        for id in ids {
            #expect(id.count == 32)
            #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
        #expect(Set(ids).count == ids.count)
        #expect(Envelope.makeMessageId() != Envelope.makeMessageId())
    }

    @Test("body frames carry header, payload and raw attachments in order")
    func busMessageFrames() throws {
        let attachment = Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF])
        let message = BusMessage(
            envelope: Envelope(route: "requests.submit", deadline: Date()), payload: Data("{\"a\":1}".utf8),
            attachments: [attachment, Data()])
        let frames = try message.bodyFrames()
        #expect(frames.count == 4)
        #expect(frames[2] == attachment)
        #expect(try BusMessage(bodyFrames: frames) == message)
    }

    @Test("malformed bodies are refused as invalid input, not a crash")
    func malformedBodies() {
        #expect(throws: BusError.self) { try BusMessage(bodyFrames: [Data("{}".utf8)]) }
        let error = #expect(throws: BusError.self) { try BusMessage(bodyFrames: [Data("not json".utf8), Data()]) }
        #expect(error?.code == .invalidInput)
        var future = Envelope(route: "x.y", deadline: Date())
        future.schemaVersion = Envelope.currentSchemaVersion + 1
        let header = (try? WireCoding.encoder.encode(future)) ?? Data()
        #expect(throws: BusError.self) { try BusMessage(bodyFrames: [header, Data("{}".utf8)]) }
    }

    @Test("every error code has a Persian default message")
    func persianMessages() {
        for code in ErrorCode.allCases {
            let message = code.defaultPersianMessage
            #expect(message.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "\(code)")
        }
        #expect(BusError(.notFound).message == ErrorCode.notFound.defaultPersianMessage)
    }

    @Test("a bus error travels as code, message and fields")
    func busErrorJSON() throws {
        let error = BusError.invalidInput([FieldError(field: "nationalCode", message: "کد ملی معتبر نیست")])
        let json = try #require(String(data: try WireCoding.encoder.encode(error), encoding: .utf8))
        #expect(json.contains("\"code\":\"invalidInput\""))
        #expect(json.contains("\"field\":\"nationalCode\""))
        #expect(try WireCoding.decoder.decode(BusError.self, from: Data(json.utf8)) == error)
    }

    @Test("a route's service is the part before the first dot")
    func routeService() {
        #expect(Route<PingRequest, PingReply>("identity.verifyApplicant", isIdempotent: true).service == "identity")
        #expect(Routes.ping(service: "catalog").name == "catalog.ping")
        #expect(Routes.ping(service: "catalog").isIdempotent)
    }
}
