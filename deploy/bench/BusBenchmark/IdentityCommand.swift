import ArgumentParser
import Foundation
import IdentityVerifier
import MizBus
import MizSchema
import Synchronization

/// `bus-benchmark identity`: `identity.verifyApplicant` through the broker, as the requests
/// service calls it, against the real `identity-verifier` executable.
///
/// Two cases, side by side in one run: the embedded registry with one instance (target ≥ 5,000
/// verifications/s), and an upstream registry answering after `--upstream-latency-ms` with one
/// and with two instances (target: two ≥ 1.8× one). The upstream's positive cache is off, so
/// every verification waits for the registry, as a first-time applicant's does.
struct IdentityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract:
            "Measures identity.verifyApplicant through the bus: embedded registry, and upstream with 1 and 2 instances."
    )

    @Option(help: "The broker executable. Default: `broker` beside this executable.")
    var brokerExecutable: String?

    @Option(help: "The identity-verifier executable. Default: `identity-verifier` beside this executable.")
    var identityExecutable: String?

    @Option(help: "TCP port of the broker on 127.0.0.1.")
    var brokerPort: Int = 5593

    @Option(help: "Measured verifications against the embedded registry.")
    var embeddedCalls: Int = 40_000

    @Option(help: "Measured verifications against the upstream registry, per case.")
    var upstreamCalls: Int = 3_000

    @Option(help: "Calls in flight from the driver.")
    var inFlight: Int = 64

    @Option(help: "Calls one identity-verifier instance serves at once (its --concurrency).")
    var concurrency: Int = 32

    @Option(help: "Latency of each upstream lookup, in milliseconds.")
    var upstreamLatencyMs: Int = 50

    @Option(help: "Synthetic citizens in the embedded registry (and on record upstream).")
    var population: Int = SyntheticPopulation.defaultCount

    @Option(help: "Folder for the children's logs, their data (the embedded registry is kept) and the pid file.")
    var logFolder: String = "/tmp/miz-identity-bench"

    func validate() throws {
        guard embeddedCalls > 0, upstreamCalls > 0, inFlight > 0, concurrency > 0, population > 0 else {
            throw ValidationError("call counts, --in-flight, --concurrency and --population must be positive")
        }
    }

    func run() async throws {
        let ownFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let broker = URL(fileURLWithPath: brokerExecutable ?? ownFolder.appendingPathComponent("broker").path)
        let identity = URL(
            fileURLWithPath: identityExecutable ?? ownFolder.appendingPathComponent("identity-verifier").path)
        let folder = URL(fileURLWithPath: logFolder)
        let children = try ChildProcesses(pidFile: folder.appendingPathComponent("children.pid"), logFolder: folder)
        children.killLeftovers()
        defer { children.killAll() }
        let citizens = SyntheticPopulation.generate(count: population, seed: SyntheticPopulation.defaultSeed)
        let bench = IdentityCases(
            children: children, broker: broker, identity: identity, citizens: citizens, command: self)

        log("measuring the embedded registry, 1 instance …")
        let embedded = try await bench.measure(instances: 1, registry: .embedded, calls: embeddedCalls)
        children.killAll()
        log("  \(embedded.summary)")

        let upstream = try await FakeRegistryServer.start(
            citizens: citizens, latency: .milliseconds(upstreamLatencyMs))
        defer { Task { await upstream.stop() } }
        var upstreamRows: [Figures] = []
        for instances in [1, 2] {
            log("measuring the upstream registry (\(upstreamLatencyMs) ms), \(instances) instance(s) …")
            let figures = try await bench.measure(
                instances: instances, registry: .upstream(upstream), calls: upstreamCalls)
            children.killAll()
            log("  \(figures.summary)")
            upstreamRows.append(figures)
        }
        await upstream.stop()
        print(report(embedded: embedded, upstream: upstreamRows))
    }

    private func report(embedded: Figures, upstream: [Figures]) -> String {
        let ratio = upstream[1].callsPerSecond / max(upstream[0].callsPerSecond, 1)
        func row(_ name: String, _ figures: Figures) -> String {
            "| \(name) | \(figures.calls) | \(Int(figures.callsPerSecond.rounded())) | "
                + "\(String(format: "%.2f", figures.p50 / 1000)) | \(String(format: "%.2f", figures.p99 / 1000)) |"
        }
        return [
            "| case (\(inFlight) in flight, K=\(concurrency) per instance) | calls | verifications/s | p50 ms | p99 ms |",
            "|---|---:|---:|---:|---:|",
            row("embedded registry, 1 instance", embedded),
            row("upstream \(upstreamLatencyMs) ms, 1 instance", upstream[0]),
            row("upstream \(upstreamLatencyMs) ms, 2 instances", upstream[1]),
            "",
            "- embedded: \(Int(embedded.callsPerSecond.rounded())) verifications/s against the target ≥ 5,000: "
                + (embedded.callsPerSecond >= 5_000 ? "met" : "missed"),
            "- upstream: 2 instances give \(String(format: "%.2f", ratio))× one against the target ≥ 1.8×: "
                + (ratio >= 1.8 ? "met" : "missed"),
        ].joined(separator: "\n")
    }
}

/// Which registry the identity-verifier instances of a case use.
enum BenchRegistry {
    case embedded
    case upstream(FakeRegistryServer)
}

/// Starts the processes of one identity case and measures it.
struct IdentityCases {
    let children: ChildProcesses
    let broker: URL
    let identity: URL
    let citizens: [SyntheticCitizen]
    let command: IdentityCommand

    func measure(instances: Int, registry: BenchRegistry, calls: Int) async throws -> Figures {
        try await LoopbackPort.requireFree(command.brokerPort)
        let endpoint = "tcp://127.0.0.1:\(command.brokerPort)"
        try children.start(
            broker,
            ["--bind", endpoint, "--curve", "off", "--ops-port", "0", "--data", "\(command.logFolder)/broker-data"],
            role: .broker, logName: "broker")
        try await LoopbackPort.waitUntilListening(command.brokerPort)
        for index in 0..<instances {
            var arguments = [
                "--broker", endpoint, "--curve", "off", "--ops-port", "0", "--concurrency", "\(command.concurrency)",
                "--instance", "identity-\(index)", "--log-level", "warning",
                "--registry-population", "\(command.population)",
            ]
            switch registry {
            case .embedded:
                arguments += ["--data", "\(command.logFolder)/identity-embedded", "--registry", "embedded"]
            case .upstream(let server):
                arguments += [
                    "--data", "\(command.logFolder)/identity-upstream-\(index)", "--registry", "upstream",
                    "--registry-url", server.registryURL, "--mobile-ownership-url", server.mobileURL,
                    "--registry-cache-seconds", "0", "--registry-timeout", "5",
                ]
            }
            try children.start(identity, arguments, role: .server, logName: "identity-\(index)")
        }
        let client = try BusClient(
            .init(brokers: [endpoint], attemptTimeout: .seconds(30), defaultTimeout: .seconds(30)))
        do {
            try await waitUntilVerifying(client, instances: instances)
            let next = Atomic<Int>(0)
            let citizens = self.citizens
            let call: @Sendable () async throws -> Void = {
                let citizen = citizens[next.add(1, ordering: .relaxed).oldValue % citizens.count]
                let verification = try await client.call(
                    Routes.Identity.verifyApplicant,
                    IdentityVerifyRequest(
                        nationalCode: citizen.nationalCode, birthDate: citizen.birthDate,
                        firstName: citizen.firstName, lastName: citizen.lastName, mobile: citizen.mobile),
                    caller: .service("benchmark"))
                guard verification.nationalCode == citizen.nationalCode else {
                    throw BenchmarkError("a verification answered for another national code")
                }
            }
            _ = try await LoadDriver.measure(calls: max(command.inFlight, calls / 10), inFlight: command.inFlight, call)
            let sample = CPUSample(children.pids + [(.client, getpid())])
            var figures = try await LoadDriver.measure(calls: calls, inFlight: command.inFlight, call)
            figures.cpu = sample.elapsed()
            guard children.allRunning else { throw BenchmarkError("a child died; see \(command.logFolder)") }
            await client.shutdown()
            return figures
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Waits until every instance has joined and one verification succeeds: the embedded
    /// registry is generated on an instance's first start and answers `unavailable` until then.
    private func waitUntilVerifying(_ client: BusClient, instances: Int) async throws {
        let end = ContinuousClock.now.advanced(by: .seconds(300))
        let first = citizens[0]
        let request = IdentityVerifyRequest(
            nationalCode: first.nationalCode, birthDate: first.birthDate, firstName: first.firstName,
            lastName: first.lastName, mobile: first.mobile)
        while true {
            guard children.allRunning else {
                throw BenchmarkError("an identity-verifier died; see \(command.logFolder)")
            }
            if (try? await client.call(
                Routes.Identity.verifyApplicant, request, timeout: .seconds(5), caller: .service("benchmark"))) != nil
            {
                break
            }
            guard ContinuousClock.now < end else { throw BenchmarkError("no verification succeeded in 300 s") }
            try await Task.sleep(for: .milliseconds(500))
        }
        // Every instance's worker connections start at once; give the later ones a moment.
        try await Task.sleep(for: .seconds(instances > 1 ? 2 : 1))
    }
}

extension Figures {
    /// One line for the progress log.
    var summary: String {
        "\(Int(callsPerSecond.rounded())) verifications/s, p50 \(String(format: "%.2f", p50 / 1000)) ms, "
            + "p99 \(String(format: "%.2f", p99 / 1000)) ms"
    }
}
