import ArgumentParser
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `desk up`: starts the broker (or `--brokers N` of them), the gateway and one instance of
/// each service, prints a table, and supervises them until SIGINT or SIGTERM.
package struct UpCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk up`.
    package static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the broker, the gateway and one instance of each service, and keep them running.",
        discussion: """
            Children's output goes to <data>/logs/<process>-<n>.log. A child that ends
            unexpectedly, or is not ready within --ready-timeout (then it gets SIGKILL), is
            restarted after 1 s, doubling to 30 s. Ctrl-C stops them all; should the desk itself
            be killed, its children see their standard input close and stop too.
            """
    )

    /// The shared flags: ports, folders, CURVE, concurrency.
    @OptionGroup package var options: DeskOptions

    /// Makes the command with its defaults; ArgumentParser fills in the flags.
    package init() {}

    /// Runs the command.
    package func run() async throws {
        let console = Console()
        try prepare()
        var timing = Supervisor.Timing()
        timing.readyDeadline = .seconds(options.readyTimeout)
        let supervisor = Supervisor(options: options, console: console, timing: timing)
        let api = ControlAPI(supervisor: supervisor)
        let server: ControlServer
        do {
            server = try ControlServer(port: options.deskPort, api: api, logger: Logger(label: "miz.desk.control"))
        } catch {
            throw DeskFailure(
                "\(error.description): is another desk running? (give this one another --desk-port)")
        }
        // Ctrl-C, `kill`, or the terminal closing: stop the children in order. A closed
        // output must not end the desk with SIGPIPE and leave its children behind.
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM, SIGHUP])
        defer { signals.stop() }
        signal(SIGPIPE, SIG_IGN)

        console.progress("desk up: data in \(options.dataFolder.path)")
        console.progress("executables from \(options.binFolder.path)")
        console.progress("control port 127.0.0.1:\(options.deskPort) (desk status, desk scale)")
        let stop = Task { () -> Int32? in
            guard let number = await signals.next() else { return nil }
            console.progress("\(SignalWatcher.name(number)) received: stopping")
            await supervisor.shutdown()
            return number
        }
        do {
            try await supervisor.startAll()
            console.line("")
            console.write(DeskTables.processes(await supervisor.entries(refresh: false)))
            console.line("")
            console.progress("desk is up at http://localhost:\(options.httpPort); Ctrl-C stops it")
        } catch SupervisorError.shuttingDown {
            // A signal came during start-up; the stop task is stopping everything.
        } catch {
            console.error("desk: \(error)")
            stop.cancel()
            await supervisor.shutdown()
            await server.stop()
            throw ExitCode.failure
        }
        _ = await stop.value
        await server.stop()
        console.progress("all processes stopped")
    }

    /// Checks what start-up needs before anything starts: the executables, the data folder
    /// and free ports for the broker and the gateway.
    private func prepare() throws {
        let missing = ProcessKind.allCases.filter {
            !FileManager.default.isExecutableFile(atPath: options.binFolder.appendingPathComponent($0.executable).path)
        }
        if !missing.isEmpty {
            throw DeskFailure(
                "no executable \(missing.map(\.executable).joined(separator: ", ")) in \(options.binFolder.path); build them (swift build) or give --bin"
            )
        }
        do {
            try FileManager.default.createDirectory(at: options.logsFolder, withIntermediateDirectories: true)
        } catch {
            throw DeskFailure("cannot create the data folder \(options.dataFolder.path): \(error.localizedDescription)")
        }
        let brokerPorts = options.brokerPorts.map { ("--broker-port", $0) }
        for (flag, port) in brokerPorts + [("--http-port", options.httpPort)]
        where !LocalSocket.isFree(port: port) {
            throw DeskFailure(
                "port \(port) is in use (is a desk or broker already running?); choose another with \(flag)")
        }
        let ports = options.brokerPorts + [options.httpPort, options.deskPort]
        if Set(ports).count != ports.count {
            throw DeskFailure(
                "the broker ports (--broker-port and the \(options.brokerCount - 1) after it), --http-port and --desk-port must differ"
            )
        }
    }
}
