/// One route of the bus: its name, the Codable types of its request and reply, and whether
/// calling it twice is harmless.
///
/// Routes are values declared once in this module, so the caller and the service agree on
/// them at compile time:
///
/// ```swift
/// let reply = try await client.call(Routes.ping(service: "catalog"), PingRequest())
/// ```
public struct Route<Request: Sendable, Reply: Sendable>: Sendable, Hashable {
    /// The route's name, `service.action`, such as `catalog.search`.
    public let name: String
    /// True when calling twice has the same effect as once, so a caller may retry it freely.
    public let isIdempotent: Bool
    /// The version of the route's request and reply types.
    public let version: Int

    public init(_ name: String, isIdempotent: Bool, version: Int = 1) {
        self.name = name
        self.isIdempotent = isIdempotent
        self.version = version
    }

    /// The MDP service that serves this route.
    public var service: String { Self.service(ofRoute: name) }

    /// The MDP service of a route name: the part before the first dot.
    public static func service(ofRoute name: String) -> String {
        if let dot = name.firstIndex(of: ".") { return String(name[..<dot]) }
        return name
    }
}
