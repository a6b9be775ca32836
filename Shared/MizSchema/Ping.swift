import Foundation

/// Asks a service instance who it is; every service answers `<service>.ping`.
public struct PingRequest: Codable, Sendable, Equatable {
    public init() {}
}

/// Who answered a ping: the service, its build version, which instance and for how long it
/// has run.
public struct PingReply: Codable, Sendable, Equatable {
    public var service: String
    public var version: String
    public var instanceId: String
    public var uptimeSeconds: Double

    public init(service: String, version: String, instanceId: String, uptimeSeconds: Double) {
        self.service = service
        self.version = version
        self.instanceId = instanceId
        self.uptimeSeconds = uptimeSeconds
    }
}

/// The routes every service shares.
public enum Routes {
    /// `<service>.ping`: answered by every service.
    public static func ping(service: String) -> Route<PingRequest, PingReply> {
        Route("\(service).ping", isIdempotent: true)
    }

    /// The services of the desk, as the broker knows them.
    public static let serviceNames = ["catalog", "requests", "identity", "feedback", "notifier"]
}
