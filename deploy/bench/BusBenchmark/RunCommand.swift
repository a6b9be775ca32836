import ArgumentParser
import CZeroMQ
import Foundation
import MizBus
import MizSchema

/// One case of the benchmark.
enum BenchCase: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Raw libzmq REQ/REP, synchronous: the floor of a round trip on this machine.
    case raw
    /// One BusClient, one call at a time, through the broker to one worker process.
    case sync
    /// `--in-flight` calls at once through the broker to one worker process.
    case pipelined1
    /// The same with two worker processes.
    case pipelined2
    /// gRPC unary echo, one call at a time.
    case grpcSync = "grpc-sync"
    /// gRPC unary echo, `--in-flight` calls at once over one HTTP/2 connection.
    case grpcPipelined = "grpc-pipelined"

    /// Whether the case keeps many calls in flight (and so makes `--pipelined-calls` calls).
    var isPipelined: Bool { [.pipelined1, .pipelined2, .grpcPipelined].contains(self) }
}

/// One row of the result table.
struct Row: Sendable {
    var benchCase: BenchCase
    var size: Int
    var figures: Figures
}

/// `bus-benchmark run`: measures every case for every payload size, one after another, each
/// against fresh child processes, and prints one Markdown table and the targets' verdicts.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measures raw libzmq, the bus (1 and 2 workers) and gRPC side by side."
    )

    @Option(help: "The broker executable. Default: `broker` beside this executable.")
    var brokerExecutable: String?

    @Option(help: "The `grpc-echo-bench` executable of deploy/bench-grpc; without it the gRPC cases are skipped.")
    var grpcBench: String?

    @Option(help: "TCP port of the broker on 127.0.0.1.")
    var brokerPort: Int = 5590

    @Option(help: "TCP port of the gRPC echo server.")
    var grpcPort: Int = 5591

    @Option(help: "TCP port of the raw REP echo server.")
    var repPort: Int = 5592

    @Option(parsing: .upToNextOption, help: "Payload sizes in bytes.")
    var sizes: [Int] = [100, 10_240]

    @Option(
        parsing: .upToNextOption, help: "Cases to run (\(BenchCase.allCases.map(\.rawValue).joined(separator: ", "))).")
    var cases: [BenchCase] = BenchCase.allCases

    @Option(help: "Measured calls of a synchronous case.")
    var syncCalls: Int = 5_000

    @Option(help: "Measured calls of a pipelined case.")
    var pipelinedCalls: Int = 40_000

    @Option(help: "Warm-up calls before each case, as a fraction of its measured calls.")
    var warmupFraction: Double = 0.1

    @Option(help: "Calls in flight in the pipelined cases.")
    var inFlight: Int = 64

    @Option(help: "READY slots per worker process (BusWorker concurrency K) in the pipelined cases.")
    var workerConcurrency: Int = 64

    @Option(help: "READY slots of the worker in the sync case; 8 is BusWorker's default.")
    var syncWorkerConcurrency: Int = 8

    @Option(help: "Folder for the children's logs and the pid file.")
    var logFolder: String = "/tmp/miz-bus-bench"

    func validate() throws {
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--sizes must be ≥ 0") }
        guard syncCalls > 0, pipelinedCalls > 0, inFlight > 0, workerConcurrency > 0, syncWorkerConcurrency > 0 else {
            throw ValidationError("call counts, --in-flight and the worker concurrencies must be positive")
        }
        guard (0...1).contains(warmupFraction) else { throw ValidationError("--warmup-fraction is between 0 and 1") }
    }

    func run() async throws {
        let ownExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let broker =
            brokerExecutable.map { URL(fileURLWithPath: $0) }
            ?? ownExecutable.deletingLastPathComponent().appendingPathComponent("broker")
        let grpc = grpcBench.map { URL(fileURLWithPath: $0) }
        let folder = URL(fileURLWithPath: logFolder)
        let children = try ChildProcesses(pidFile: folder.appendingPathComponent("children.pid"), logFolder: folder)
        children.killLeftovers()
        defer { children.killAll() }

        let setup = CaseSetup(
            children: children, ownExecutable: ownExecutable, broker: broker,
            brokerArguments: try brokerArguments(broker, children: children), grpc: grpc, run: self)
        var rows: [Row] = []
        for size in sizes {
            for benchCase in cases {
                if benchCase.rawValue.hasPrefix("grpc"), grpc == nil {
                    log("skipping \(benchCase.rawValue): no --grpc-bench")
                    continue
                }
                log("measuring \(benchCase.rawValue), \(size) B …")
                defer { children.killAll() }
                let figures = try await setup.measure(benchCase, size: size)
                log(
                    "  \(Int(figures.callsPerSecond.rounded())) calls/s, p50 \(Int(figures.p50.rounded())) µs, "
                        + "p99 \(Int(figures.p99.rounded())) µs")
                rows.append(Row(benchCase: benchCase, size: size, figures: figures))
            }
        }
        let report = Report(
            rows: rows, inFlight: inFlight, workerConcurrency: workerConcurrency,
            syncWorkerConcurrency: syncWorkerConcurrency)
        print(report.markdown)
    }

    /// The broker's flags for a plain (no CURVE) loopback run; `--ops-port 0` (no ops
    /// server) and a data folder under the log folder are added when this build of the broker
    /// has those flags.
    private func brokerArguments(_ broker: URL, children: ChildProcesses) throws -> [String] {
        let help = try children.output(of: broker, ["--help"], logName: "broker-help")
        var arguments = ["--bind", "tcp://127.0.0.1:\(brokerPort)", "--curve", "off"]
        if help.contains("--ops-port") { arguments += ["--ops-port", "0"] }
        if help.contains("--data") { arguments += ["--data", "\(logFolder)/broker-data"] }
        return arguments
    }

    /// Warm-up calls for a case of `calls` measured calls.
    func warmup(for calls: Int) -> Int { Int((Double(calls) * warmupFraction).rounded()) }
}

/// Starts the processes of one case, measures it and leaves the processes to be killed.
struct CaseSetup {
    let children: ChildProcesses
    let ownExecutable: URL
    let broker: URL
    let brokerArguments: [String]
    let grpc: URL?
    let run: RunCommand

    func measure(_ benchCase: BenchCase, size: Int) async throws -> Figures {
        let calls = benchCase.isPipelined ? run.pipelinedCalls : run.syncCalls
        let inFlight = benchCase.isPipelined ? run.inFlight : 1
        switch benchCase {
        case .raw:
            try await LoopbackPort.requireFree(run.repPort)
            try children.start(
                ownExecutable, ["rep-echo", "--bind", "tcp://127.0.0.1:\(run.repPort)"], role: .server,
                logName: "rep-echo")
            try await LoopbackPort.waitUntilListening(run.repPort)
            return try await RawRoundTrip.measure(
                endpoint: "tcp://127.0.0.1:\(run.repPort)", size: size, warmup: run.warmup(for: calls), calls: calls,
                processes: children.pids + [(.client, getpid())])
        case .sync, .pipelined1, .pipelined2:
            return try await measureBus(
                workers: benchCase == .pipelined2 ? 2 : 1,
                concurrency: benchCase == .sync ? run.syncWorkerConcurrency : run.workerConcurrency,
                size: size, calls: calls, inFlight: inFlight)
        case .grpcSync, .grpcPipelined:
            return try await measureGRPC(size: size, calls: calls, inFlight: inFlight)
        }
    }

    private func measureBus(
        workers: Int,
        concurrency: Int,
        size: Int,
        calls: Int,
        inFlight: Int
    ) async throws -> Figures {
        try await LoopbackPort.requireFree(run.brokerPort)
        try children.start(broker, brokerArguments, role: .broker, logName: "broker")
        try await LoopbackPort.waitUntilListening(run.brokerPort)
        let endpoint = "tcp://127.0.0.1:\(run.brokerPort)"
        for index in 0..<workers {
            let arguments = ["worker", "--broker", endpoint, "--concurrency", "\(concurrency)"]
            try children.start(ownExecutable, arguments, role: .server, logName: "worker-\(index)")
        }
        let client = try BusClient(
            .init(brokers: [endpoint], attemptTimeout: .seconds(30), defaultTimeout: .seconds(30)))
        do {
            try await waitForWorkers(client)
            let payload = Data(repeating: 0x61, count: size)
            let call: @Sendable () async throws -> Void = {
                let reply = try await client.callWithAttachments(EchoRoutes.say, EchoRequest(), attachments: [payload])
                guard reply.attachments.first?.count == size else { throw BenchmarkError("echo changed the payload") }
            }
            _ = try await LoadDriver.measure(calls: run.warmup(for: calls), inFlight: inFlight, call)
            let sample = CPUSample(children.pids + [(.client, getpid())])
            var figures = try await LoadDriver.measure(calls: calls, inFlight: inFlight, call)
            figures.cpu = sample.elapsed()
            guard children.allRunning else {
                throw BenchmarkError("a child died during the case; see \(run.logFolder)")
            }
            await client.shutdown()
            return figures
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Waits until the broker knows the echo service, then a moment more for every worker
    /// process's slots to connect (they all start at once); the warm-up follows.
    private func waitForWorkers(_ client: BusClient) async throws {
        let end = ContinuousClock.now.advanced(by: .seconds(15))
        while !((try? await client.isServiceAvailable(EchoRoutes.service, timeout: .milliseconds(500))) ?? false) {
            guard ContinuousClock.now < end, children.allRunning else {
                throw BenchmarkError("no echo worker registered; see \(run.logFolder)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(500))
    }

    /// Measures gRPC through the `grpc-echo-bench load` child.
    private func measureGRPC(size: Int, calls: Int, inFlight: Int) async throws -> Figures {
        guard let grpc else { throw BenchmarkError("no --grpc-bench") }
        try await LoopbackPort.requireFree(run.grpcPort)
        try children.start(grpc, ["serve", "--port", "\(run.grpcPort)"], role: .server, logName: "grpc-serve")
        try await LoopbackPort.waitUntilListening(run.grpcPort)
        let arguments = [
            "load", "--port", "\(run.grpcPort)", "--size", "\(size)", "--count", "\(calls)",
            "--warmup", "\(run.warmup(for: calls))", "--concurrency", "\(inFlight)",
        ]
        let sample = CPUSample(children.pids)
        let output = try children.output(of: grpc, arguments, logName: "grpc-load")
        let server = sample.elapsed()[.server] ?? .zero
        guard let line = output.split(separator: "\n").last,
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double],
            let measured = json["calls"], let seconds = json["seconds"], let p50 = json["p50"], let p99 = json["p99"],
            let user = json["userSeconds"], let system = json["systemSeconds"]
        else { throw BenchmarkError("unreadable output of grpc-echo-bench load: \(output)") }
        guard children.allRunning else { throw BenchmarkError("the gRPC server died; see \(run.logFolder)") }
        var figures = Figures(calls: Int(measured), seconds: seconds, p50: p50, p99: p99)
        // The load client counts its own CPU over the measured calls only; the server's is
        // counted over the whole client run, warm-up included, and prorated by calls.
        let share = measured / (measured + Double(run.warmup(for: calls)))
        figures.cpu = [
            .client: CPUTime(user: user, system: system),
            .server: CPUTime(user: server.user * share, system: server.system * share),
        ]
        return figures
    }
}

/// The raw libzmq baseline's client: a REQ socket that sends the payload and waits for the
/// echo, N times after a warm-up, on a thread of its own (the calls block). The CPU time of
/// `processes` is counted over the measured calls.
enum RawRoundTrip {
    static func measure(
        endpoint: String,
        size: Int,
        warmup: Int,
        calls: Int,
        processes: [(Role, pid_t)]
    ) async throws -> Figures {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try run(endpoint: endpoint, size: size, warmup: warmup, calls: calls, processes: processes)
                    })
            }
            thread.name = "raw-req"
            thread.start()
        }
    }

    private static func run(
        endpoint: String,
        size: Int,
        warmup: Int,
        calls: Int,
        processes: [(Role, pid_t)]
    ) throws -> Figures {
        guard let context = zmq_ctx_new() else { throw RawZMQError(operation: "zmq_ctx_new") }
        defer { zmq_ctx_term(context) }
        guard let socket = zmq_socket(context, ZMQ_REQ) else { throw RawZMQError(operation: "zmq_socket") }
        defer { zmq_close(socket) }
        var linger: Int32 = 0
        zmq_setsockopt(socket, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        guard zmq_connect(socket, endpoint) == 0 else { throw RawZMQError(operation: "zmq_connect") }
        let payload = [UInt8](repeating: 0x61, count: size)
        var reply = zmq_msg_t()
        zmq_msg_init(&reply)
        defer { zmq_msg_close(&reply) }
        func roundTrip() throws {
            guard payload.withUnsafeBytes({ zmq_send(socket, $0.baseAddress, $0.count, 0) }) >= 0 else {
                throw RawZMQError(operation: "zmq_send")
            }
            guard zmq_msg_recv(&reply, socket, 0) == size else { throw RawZMQError(operation: "zmq_msg_recv") }
        }
        for _ in 0..<warmup { try roundTrip() }
        let clock = ContinuousClock()
        var latencies: [Double] = []
        latencies.reserveCapacity(calls)
        let sample = CPUSample(processes)
        let start = clock.now
        for _ in 0..<calls {
            let began = clock.now
            try roundTrip()
            latencies.append(microseconds(clock.now - began))
        }
        var figures = Figures(seconds: microseconds(clock.now - start) / 1e6, latencies: latencies)
        figures.cpu = sample.elapsed()
        return figures
    }
}

/// Writes a progress line to standard error, so standard output carries only the report.
func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
