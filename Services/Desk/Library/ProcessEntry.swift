import Foundation
import MizSchema

/// One instance the desk runs, as `GET /processes` lists it.
package struct ProcessEntry: Codable, Sendable, Equatable {
    /// The process kind, which is also the executable's name: `catalog`.
    package var name: String
    /// The instance's number, from 1.
    package var instance: Int
    /// The instance's name as passed to `--instance`: `catalog-2`.
    package var instanceName: String
    /// The bus service it serves, for workers.
    package var service: String?
    /// Its pid while running; nil while it waits to be restarted.
    package var pid: Int32?
    /// The port of its ops server.
    package var opsPort: Int
    /// Whether it answered its readiness check last time it was asked.
    package var ready: Bool
    /// How many times it was restarted after ending unexpectedly.
    package var restarts: Int
    /// Why its last run failed: how it ended, or that it missed its readiness deadline and
    /// was killed; nil once a run is ready.
    package var problem: String?
    /// When its current run started.
    package var startedAt: Date?
    /// `starting`, `running`, `restarting` (waiting out its backoff) or `stopping`.
    package var state: String
    /// Where to reach it: the broker's endpoint, the gateway's public URL, or a worker's
    /// readiness URL.
    package var url: String

    /// Makes an entry from its fields.
    package init(
        name: String, instance: Int, instanceName: String, service: String?, pid: Int32?, opsPort: Int, ready: Bool,
        restarts: Int, problem: String? = nil, startedAt: Date?, state: String, url: String
    ) {
        self.name = name
        self.instance = instance
        self.instanceName = instanceName
        self.service = service
        self.pid = pid
        self.opsPort = opsPort
        self.ready = ready
        self.restarts = restarts
        self.problem = problem
        self.startedAt = startedAt
        self.state = state
        self.url = url
    }

    /// The kind, when the name is one the desk knows.
    package var kind: ProcessKind? { ProcessKind(rawValue: name) }
}

/// The JSON coding of the control API: the bus's (ISO 8601 dates), pretty for people.
package enum ControlCoding {
    /// The wire's date coding with sorted keys; its own instance, as the wire's is shared.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    /// Encodes a value as the control API's JSON.
    package static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        try encoder.encode(value)
    }

    /// Decodes a value from the control API's JSON.
    package static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try WireCoding.decoder.decode(type, from: data)
    }
}
