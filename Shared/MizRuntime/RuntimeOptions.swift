import ArgumentParser
import Foundation

/// The flags every Miz executable shares, each defaulting to a `MIZ_…` environment variable
/// and then to a value that works for a local run.
package struct RuntimeOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("broker"), help: "Broker endpoint; repeat for several brokers (MIZ_BROKERS, comma-separated)."
    )
    package var brokers: [String] = EnvironmentDefault.list("MIZ_BROKERS", ["tcp://127.0.0.1:5555"])

    @Option(help: "Folder for this process's data: databases, files, keys (MIZ_DATA).")
    package var data: String = EnvironmentDefault.string("MIZ_DATA", "data")

    @Option(help: "Folder of CURVE keys; empty means <data>/keys (MIZ_KEYS).")
    package var keys: String = EnvironmentDefault.string("MIZ_KEYS", "")

    @Option(help: "CURVE encryption of the bus: on or off (MIZ_CURVE).")
    package var curve: CurveMode = CurveMode(rawValue: EnvironmentDefault.string("MIZ_CURVE", "on")) ?? .on

    @Option(help: "Port of the health and metrics HTTP server on 127.0.0.1; 0 for none (MIZ_OPS_PORT).")
    package var opsPort: Int?

    @Option(help: "Address the health and metrics server binds (MIZ_OPS_HOST).")
    package var opsHost: String = EnvironmentDefault.string("MIZ_OPS_HOST", "127.0.0.1")

    @Option(help: "Calls this instance serves at once: MDP worker connections per broker (MIZ_CONCURRENCY).")
    package var concurrency: Int = EnvironmentDefault.int("MIZ_CONCURRENCY", 8)

    @Option(help: "Seconds between heartbeats on the bus (MIZ_HEARTBEAT_INTERVAL).")
    package var heartbeatInterval: Double = EnvironmentDefault.double("MIZ_HEARTBEAT_INTERVAL", 2.5)

    @Option(help: "Heartbeats missed before a peer is taken for dead (MIZ_LIVENESS).")
    package var liveness: Int = EnvironmentDefault.int("MIZ_LIVENESS", 3)

    @Option(help: "A name for this instance in logs and pings (MIZ_INSTANCE).")
    package var instance: String = EnvironmentDefault.string(
        "MIZ_INSTANCE", "\(ProcessInfo.processInfo.hostName)-\(getpid())")

    @Option(help: "Lowest level logged: trace, debug, info, notice, warning, error (MIZ_LOG_LEVEL).")
    package var logLevel: String = EnvironmentDefault.string("MIZ_LOG_LEVEL", "info")

    @Flag(
        help:
            "Stop gracefully when standard input reaches end of file: the desk passes it with a pipe only it holds, so its children stop when it is gone."
    )
    package var exitWhenStdinCloses = false

    package init() {}

    /// The keys folder, resolved against the data folder.
    package var keysFolder: URL {
        URL(fileURLWithPath: keys.isEmpty ? (data as NSString).appendingPathComponent("keys") : keys, isDirectory: true)
    }

    /// The data folder as a URL, created when missing.
    package func dataFolder() throws -> URL {
        let url = URL(fileURLWithPath: data, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The heartbeat interval as a duration.
    package var heartbeat: Duration { .milliseconds(Int64(heartbeatInterval * 1000)) }
}
