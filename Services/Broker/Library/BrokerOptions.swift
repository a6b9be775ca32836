import ArgumentParser
import Foundation
import MizRuntime

/// The broker's flags, each defaulting to a `MIZ_BROKER_…` (or shared `MIZ_…`) environment
/// variable and then to a value that works for a local run.
package struct BrokerOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("bind"),
        help: "Endpoint to bind, tcp or ipc; repeat for several (MIZ_BROKER_BIND, comma-separated).")
    package var endpoints: [String] = EnvironmentDefault.list("MIZ_BROKER_BIND", ["tcp://127.0.0.1:5555"])

    @Option(help: "Folder for the broker's data; keys live in <data>/keys unless --keys says otherwise (MIZ_DATA).")
    package var data: String = EnvironmentDefault.string("MIZ_DATA", "data")

    @Option(help: "Folder of CURVE keys: broker.key, broker.pub and authorized/*.pub (MIZ_KEYS).")
    package var keys: String = EnvironmentDefault.string("MIZ_KEYS", "")

    @Option(help: "CURVE encryption and the ZAP allow-list: on or off (MIZ_CURVE).")
    package var curve: CurveMode = CurveMode(rawValue: EnvironmentDefault.string("MIZ_CURVE", "on")) ?? .on

    @Option(help: "Seconds between heartbeats to workers (MIZ_HEARTBEAT_INTERVAL).")
    package var heartbeatInterval: Double = EnvironmentDefault.double("MIZ_HEARTBEAT_INTERVAL", 2.5)

    @Option(help: "Heartbeats a worker may miss before it is forgotten (MIZ_LIVENESS).")
    package var liveness: Int = EnvironmentDefault.int("MIZ_LIVENESS", 3)

    @Option(help: "Most requests waiting per service (MIZ_BROKER_MAX_QUEUE).")
    package var maxQueue: Int = EnvironmentDefault.int("MIZ_BROKER_MAX_QUEUE", 10_000)

    @Option(help: "Seconds a request may wait for a worker before it is answered 'unavailable' (MIZ_BROKER_MAX_WAIT).")
    package var maxWait: Double = EnvironmentDefault.double("MIZ_BROKER_MAX_WAIT", 10)

    @Option(help: "Port of the health, metrics and status server; 0 for none (MIZ_BROKER_OPS_PORT).")
    package var opsPort: Int = EnvironmentDefault.int("MIZ_BROKER_OPS_PORT", 9100)

    @Option(help: "Address the health, metrics and status server binds (MIZ_OPS_HOST).")
    package var opsHost: String = EnvironmentDefault.string("MIZ_OPS_HOST", "127.0.0.1")

    @Option(help: "Lowest level logged (MIZ_LOG_LEVEL).")
    package var logLevel: String = EnvironmentDefault.string("MIZ_LOG_LEVEL", "info")

    @Flag(
        help:
            "Stop gracefully when standard input reaches end of file: the desk passes it with a pipe only it holds, so its children stop when it is gone."
    )
    package var exitWhenStdinCloses = false

    package init() {}

    package func validate() throws {
        guard !endpoints.isEmpty else { throw ValidationError("--bind needs at least one endpoint") }
        guard heartbeatInterval > 0 else { throw ValidationError("--heartbeat-interval must be positive") }
        guard liveness >= 1 else { throw ValidationError("--liveness must be at least 1") }
        guard maxQueue >= 0 else { throw ValidationError("--max-queue must not be negative") }
        guard maxWait >= 0 else { throw ValidationError("--max-wait must not be negative") }
    }

    /// The keys folder, resolved against the data folder.
    package var keysFolder: URL {
        URL(fileURLWithPath: keys.isEmpty ? (data as NSString).appendingPathComponent("keys") : keys, isDirectory: true)
    }

    /// The routing policy the flags describe.
    package var policy: BrokerPolicy {
        BrokerPolicy(
            heartbeatInterval: .milliseconds(Int64((heartbeatInterval * 1000).rounded())),
            liveness: liveness,
            maximumQueueDepth: maxQueue,
            maximumWait: .milliseconds(Int64((maxWait * 1000).rounded())))
    }
}
