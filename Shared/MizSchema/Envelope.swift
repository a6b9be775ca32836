import Foundation

/// The header frame of every Miz message on the bus: which route, on whose behalf, until
/// when, and how it relates to other messages.
///
/// It travels as JSON in the first body frame of an MDP message; the route's request or reply
/// follows as JSON in the second frame, then raw attachment frames. See `WIRE-FORMAT.md`.
public struct Envelope: Codable, Sendable, Equatable {
    /// The schema version this build speaks; a receiver refuses messages of a newer major one.
    public static let currentSchemaVersion = 1

    /// The version of this schema the sender used.
    public var schemaVersion: Int
    /// A unique id for the call; a reply carries the id of its request.
    public var messageId: String
    /// The route, such as `catalog.search`; its first part is the MDP service name.
    public var route: String
    /// The W3C trace id (32 lowercase hex digits) that every log line of the call carries.
    public var traceId: String
    /// When the caller stops waiting, in milliseconds since 1970 (UTC).
    public var deadlineMilliseconds: Int64
    /// For actions that are not idempotent: the same key means the same action, done once.
    public var idempotencyKey: String?
    /// Who is calling; on replies it is left out.
    public var caller: Caller?
    /// On replies: whether the payload is the route's reply or a `BusError`.
    public var outcome: Outcome?

    /// Whether a reply carries the route's reply or an error.
    public enum Outcome: String, Codable, Sendable {
        case ok
        case error
    }

    public init(
        messageId: String = Envelope.makeMessageId(),
        route: String,
        traceId: String = Envelope.makeTraceId(),
        deadline: Date,
        idempotencyKey: String? = nil,
        caller: Caller? = nil,
        outcome: Outcome? = nil,
        schemaVersion: Int = Envelope.currentSchemaVersion
    ) {
        self.schemaVersion = schemaVersion
        self.messageId = messageId
        self.route = route
        self.traceId = traceId
        self.deadlineMilliseconds = Int64((deadline.timeIntervalSince1970 * 1000).rounded())
        self.idempotencyKey = idempotencyKey
        self.caller = caller
        self.outcome = outcome
    }

    /// The deadline as a date.
    public var deadline: Date { Date(timeIntervalSince1970: Double(deadlineMilliseconds) / 1000) }

    /// The MDP service that serves the route: the part before the first dot.
    public var service: String { Route<Never, Never>.service(ofRoute: route) }

    /// The envelope of the reply to this request.
    public func reply(_ outcome: Outcome) -> Envelope {
        var reply = self
        reply.caller = nil
        reply.outcome = outcome
        return reply
    }

    /// A new random message id.
    public static func makeMessageId() -> String { UUID().uuidString.lowercased() }

    /// A new random W3C trace id: 32 lowercase hex digits, not all zero.
    public static func makeTraceId() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = (generator.next() as UInt64) | 1
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
