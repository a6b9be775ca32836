import MizSchema

/// The echo route's request: an empty JSON object. The payload under test travels as one raw
/// attachment frame, as documents do on the bus, so a 10 KB body is not escaped into JSON;
/// each call still pays for the envelope's JSON header, which every real call carries.
struct EchoRequest: Codable, Sendable {}

/// The echo route's reply: an empty JSON object; the payload comes back as an attachment.
struct EchoReply: Codable, Sendable {}

/// The routes of the benchmark's `echo` service.
enum EchoRoutes {
    /// The MDP service the echo workers register.
    static let service = "echo"
    /// `echo.say`: returns the attachment frames it was sent.
    static let say = Route<EchoRequest, EchoReply>("echo.say", isIdempotent: true)
}
