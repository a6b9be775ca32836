import ArgumentParser
import Foundation
import MizRuntime

/// The flags every `desk` subcommand shares, each defaulting to a `MIZ_…` environment
/// variable and then to a value that works for a local run.
package struct DeskOptions: ParsableArguments, Sendable {
    /// The data folder.
    @Option(help: "Folder for all data: databases, keys, logs (MIZ_DATA).")
    package var data: String = EnvironmentDefault.string("MIZ_DATA", "data")

    /// The broker's TCP port.
    @Option(help: "TCP port of the broker on 127.0.0.1 (MIZ_BROKER_PORT).")
    package var brokerPort: Int = EnvironmentDefault.int("MIZ_BROKER_PORT", 5555)

    /// How many brokers the desk runs; broker N listens on `--broker-port` + N − 1.
    @Option(
        name: .customLong("brokers"),
        help:
            "Brokers to run, 1 to 4; broker N binds --broker-port + N - 1, and every process joins all (MIZ_BROKER_COUNT)."
    )
    package var brokerCount: Int = EnvironmentDefault.int("MIZ_BROKER_COUNT", 1)

    /// The gateway's HTTP port.
    @Option(help: "Port of the gateway's public HTTP server (MIZ_HTTP_PORT).")
    package var httpPort: Int = EnvironmentDefault.int("MIZ_HTTP_PORT", 8080)

    /// The control server's port.
    @Option(help: "Port of the desk's control server on 127.0.0.1 (MIZ_DESK_PORT).")
    package var deskPort: Int = EnvironmentDefault.int("MIZ_DESK_PORT", 9190)

    /// The first ops port for started processes.
    @Option(help: "First ops port handed to started processes; each gets the next free one (MIZ_OPS_BASE_PORT).")
    package var opsBasePort: Int = EnvironmentDefault.int("MIZ_OPS_BASE_PORT", 9200)

    /// The executables' folder; empty for the desk binary's own.
    @Option(help: "Folder of the Miz executables; default: the folder of this desk binary (MIZ_BIN).")
    package var bin: String = EnvironmentDefault.string("MIZ_BIN", "")

    /// Whether the bus is encrypted.
    @Option(help: "CURVE encryption of the bus: on or off (MIZ_CURVE).")
    package var curve: CurveMode = CurveMode(rawValue: EnvironmentDefault.string("MIZ_CURVE", "on")) ?? .on

    /// Whether the started gateway and notifier run in development mode (the `/dev/sms` page).
    @Flag(
        inversion: .prefixedNo,
        help: "Development mode for a local run: the gateway serves /dev/sms and the notifier its inbox.")
    package var development = true

    /// How long a started process may take to become ready before it is a failed start.
    @Option(
        help:
            "Seconds a started process may take to become ready; then it is killed and restarted like a crashed one (MIZ_READY_TIMEOUT)."
    )
    package var readyTimeout: Int = EnvironmentDefault.int("MIZ_READY_TIMEOUT", 60)

    /// Workers per service instance.
    @Option(help: "Calls each service instance serves at once (MIZ_CONCURRENCY).")
    package var concurrency: Int = EnvironmentDefault.int("MIZ_CONCURRENCY", 8)

    /// The defaults, from the environment or for a local run.
    package init() {}

    /// Checks ports, concurrency and the data folder.
    package func validate() throws {
        for (flag, port) in [
            ("--broker-port", brokerPort), ("--http-port", httpPort), ("--desk-port", deskPort),
            ("--ops-base-port", opsBasePort),
        ] where !(1...65535).contains(port) {
            throw ValidationError("\(flag) must be a TCP port, 1 to 65535 (got \(port))")
        }
        guard (1...1024).contains(concurrency) else {
            throw ValidationError("--concurrency must be 1 to 1024 (got \(concurrency))")
        }
        guard (1...3600).contains(readyTimeout) else {
            throw ValidationError("--ready-timeout must be 1 to 3600 seconds (got \(readyTimeout))")
        }
        guard (1...4).contains(brokerCount) else {
            throw ValidationError("--brokers must be 1 to 4 (got \(brokerCount))")
        }
        guard brokerPort + brokerCount - 1 <= 65535 else {
            throw ValidationError("--broker-port leaves no room for \(brokerCount) brokers below 65536")
        }
        guard !data.isEmpty else { throw ValidationError("--data must name a folder") }
    }

    /// The data folder as an absolute URL, so that every child agrees on it whatever its
    /// working directory.
    package var dataFolder: URL {
        URL(fileURLWithPath: data, isDirectory: true).standardizedFileURL
    }

    /// The folder of CURVE keys: `<data>/keys`.
    package var keysFolder: URL { dataFolder.appendingPathComponent("keys", isDirectory: true) }

    /// The folder of the children's logs: `<data>/logs`.
    package var logsFolder: URL { dataFolder.appendingPathComponent("logs", isDirectory: true) }

    /// The TCP ports of the brokers, one per broker from `--broker-port` up.
    package var brokerPorts: [Int] { (0..<brokerCount).map { brokerPort + $0 } }

    /// The endpoint of broker `index` (from 1), for clients and workers.
    package func brokerEndpoint(_ index: Int) -> String { "tcp://127.0.0.1:\(brokerPort + index - 1)" }

    /// Every broker's endpoint: each worker registers with all of them and each client
    /// spreads its calls over them.
    package var brokerEndpoints: [String] { (1...brokerCount).map(brokerEndpoint) }

    /// The folder of the executables: `--bin`, or the folder of the running desk binary.
    package var binFolder: URL {
        if !bin.isEmpty { return URL(fileURLWithPath: bin, isDirectory: true).standardizedFileURL }
        let running =
            Bundle.main.executableURL
            ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "desk")
        return running.resolvingSymlinksInPath().deletingLastPathComponent()
    }
}
