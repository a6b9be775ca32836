import Foundation
import MizRuntime

/// Everything needed to start one instance of a process: executable, arguments and log file.
package struct LaunchPlan: Sendable, Equatable {
    /// Which process.
    package var kind: ProcessKind
    /// The instance's number, from 1; its name is `<kind>-<index>`.
    package var index: Int
    /// The port of its ops server (`/live`, `/ready`, `/metrics`).
    package var opsPort: Int
    /// The executable's path.
    package var executable: URL
    /// Its command-line arguments.
    package var arguments: [String]
    /// Where its standard output and error are appended.
    package var logFile: URL

    /// The instance's name, passed as `--instance`: `catalog-2`.
    package var instanceName: String { "\(kind.rawValue)-\(index)" }

    /// The plan for an instance under the desk's options.
    package init(kind: ProcessKind, index: Int, opsPort: Int, options: DeskOptions) {
        self.kind = kind
        self.index = index
        self.opsPort = opsPort
        self.executable = options.binFolder.appendingPathComponent(kind.executable)
        self.logFile = options.logsFolder.appendingPathComponent("\(kind.rawValue)-\(index).log")
        self.arguments = Self.arguments(kind: kind, index: index, opsPort: opsPort, options: options)
    }

    /// The flags of an instance: the broker's own for broker N (its endpoint), the shared
    /// runtime flags with every broker's endpoint (plus `--http-port` for the gateway) for
    /// the others.
    package static func arguments(kind: ProcessKind, index: Int, opsPort: Int, options: DeskOptions) -> [String] {
        let common = [
            "--data", options.dataFolder.path,
            "--keys", options.keysFolder.path,
            "--curve", options.curve.rawValue,
            "--ops-port", String(opsPort),
            // Each child stops when the desk is gone, however it ended (see ChildProcess).
            "--exit-when-stdin-closes",
        ]
        let brokers = options.brokerEndpoints.flatMap { ["--broker", $0] }
        switch kind {
        case .broker:
            return ["--bind", options.brokerEndpoint(index)] + common
        case .gateway:
            return brokers + common + [
                "--instance", "\(kind.rawValue)-\(index)",
                "--http-port", String(options.httpPort),
            ] + (options.development ? ["--development"] : [])
        case .notifier:
            return brokers + common + [
                "--instance", "\(kind.rawValue)-\(index)",
                "--concurrency", String(options.concurrency),
            ] + (options.development ? ["--development"] : [])
        case .catalog, .requests, .identityVerifier, .feedback:
            return brokers + common + [
                "--instance", "\(kind.rawValue)-\(index)",
                "--concurrency", String(options.concurrency),
            ]
        }
    }

    /// The ops path that says the process is ready: `/live` for the broker (it is ready when
    /// it answers), `/ready` for the others (connected to the broker, storage open).
    package var readinessPath: String { kind == .broker ? "/live" : "/ready" }

    /// What the status table shows as the process's address.
    package static func url(of kind: ProcessKind, index: Int, opsPort: Int, options: DeskOptions) -> String {
        switch kind {
        case .broker: options.brokerEndpoint(index)
        case .gateway: "http://localhost:\(options.httpPort)"
        default: "http://127.0.0.1:\(opsPort)/ready"
        }
    }
}
