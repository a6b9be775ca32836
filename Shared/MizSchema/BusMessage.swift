import Foundation

/// The body of a Miz message inside an MDP frame list: header, payload and attachments.
public struct BusMessage: Sendable, Equatable {
    /// The header frame.
    public var envelope: Envelope
    /// The route's request or reply (or a `BusError`), as JSON.
    public var payload: Data
    /// Raw binary frames: uploaded documents and results, never base64 inside JSON.
    public var attachments: [Data]

    public init(envelope: Envelope, payload: Data, attachments: [Data] = []) {
        self.envelope = envelope
        self.payload = payload
        self.attachments = attachments
    }

    /// The MDP body frames of this message.
    public func bodyFrames() throws -> [Data] {
        [try WireCoding.encoder.encode(envelope), payload] + attachments
    }

    /// Reads a message from MDP body frames.
    public init(bodyFrames frames: some Collection<Data>) throws(BusError) {
        guard frames.count >= 2, let header = frames.first else {
            throw BusError(
                .invalidInput, message: "پیام ناقص است.",
                fields: [FieldError(field: "frames", message: "header and payload frames are required")])
        }
        let envelope: Envelope
        do {
            envelope = try WireCoding.decoder.decode(Envelope.self, from: header)
        } catch {
            throw BusError(
                .invalidInput, message: "سرآیند پیام قابل خواندن نیست.",
                fields: [FieldError(field: "envelope", message: "\(error)")])
        }
        guard envelope.schemaVersion <= Envelope.currentSchemaVersion else {
            throw BusError(
                .invalidInput, message: "نسخه پیام پشتیبانی نمی‌شود.",
                fields: [FieldError(field: "schemaVersion", message: "newer than \(Envelope.currentSchemaVersion)")])
        }
        let rest = Array(frames.dropFirst())
        self.init(envelope: envelope, payload: rest[0], attachments: Array(rest.dropFirst()))
    }

    /// The reply that carries an error for this request.
    public func errorReply(_ error: BusError) -> BusMessage {
        BusMessage(
            envelope: envelope.reply(.error), payload: (try? WireCoding.encoder.encode(error)) ?? Data("{}".utf8))
    }
}

/// The JSON coding of the wire: ISO 8601 dates, keys as declared.
///
/// One configured encoder and decoder serve every call: building them anew per message was a
/// measurable share of a call's CPU time (deploy/BENCHMARKS.md).
public enum WireCoding {
    /// The encoder for headers and payloads.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// The decoder for headers and payloads.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
