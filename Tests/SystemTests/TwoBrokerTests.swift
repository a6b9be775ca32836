import Foundation
import MizBus
import MizSchema
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// High availability with two real `broker` processes: a catalog worker registered with both,
/// a client spreading calls over both, and one broker killed with SIGKILL while calls run.
@Suite("Two brokers with real processes", .serialized)
struct TwoBrokerTests {
    /// What the callers counted: successes before and after the kill, and failures.
    private struct Tally: Sendable {
        var before = 0
        var after = 0
        var failures: [String] = []
    }

    /// Calls of one kind (retried or not) running until told to stop.
    private final class Load: Sendable {
        private let tally = Mutex(Tally())
        private let killed = Atomic<Bool>(false)
        private let stopped = Atomic<Bool>(false)

        var isStopped: Bool { stopped.load(ordering: .acquiring) }
        var snapshot: Tally { tally.withLock { $0 } }

        func markKilled() { killed.store(true, ordering: .releasing) }
        func stop() { stopped.store(true, ordering: .releasing) }

        func succeeded() {
            let after = killed.load(ordering: .acquiring)
            tally.withLock { after ? ($0.after += 1) : ($0.before += 1) }
        }

        func failed(_ reason: String) {
            tally.withLock { $0.failures.append(reason) }
        }
    }

    /// Callers of `catalog.ping` as the idempotent route it is: a call whose broker dies is sent
    /// again on the other.
    private static let retriedCallers = 12
    /// Callers of `catalog.ping` sent as if it were not idempotent (no retry): only the call
    /// each had in flight on the dead broker may fail.
    private static let unretriedCallers = 6

    private func startBroker(port: Int, opsPort: Int, name: String, in folder: TemporaryFolder) throws
        -> RunningProcess
    {
        try RunningProcess(
            "broker",
            [
                "--bind", "tcp://127.0.0.1:\(port)", "--curve", "off", "--heartbeat-interval", "0.3", "--liveness", "3",
                "--ops-port", String(opsPort), "--data", folder.url.path,
            ],
            name: name, folder: folder.url)
    }

    /// The `catalog` figures of a broker's `/status`, or nil when it does not answer.
    private func catalogStatus(opsPort: Int) async -> [String: Int]? {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.connectionProxyDictionary = [:]
        let session = URLSession(configuration: configuration)
        guard let url = URL(string: "http://127.0.0.1:\(opsPort)/status"),
            let (data, response) = try? await session.data(for: URLRequest(url: url, timeoutInterval: 3)),
            (response as? HTTPURLResponse)?.statusCode == 200,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let services = object["services"] as? [[String: Any]],
            let catalog = services.first(where: { $0["service"] as? String == "catalog" })
        else { return nil }
        return catalog.compactMapValues { $0 as? Int }
    }

    /// One `catalog.ping` sent without retries, as a call that is not idempotent travels.
    private static func unretriedPing(_ client: BusClient) async throws -> Bool {
        let envelope = Envelope(route: "catalog.ping", deadline: Date().addingTimeInterval(5))
        let message = BusMessage(envelope: envelope, payload: try WireCoding.encoder.encode(PingRequest()))
        let reply = try await client.send(message, retryable: false, timeout: .seconds(5))
        return reply.envelope.outcome != .error
    }

    @Test("one of two brokers killed with SIGKILL under load: calls go on through the other")
    func brokerKilledUnderLoad() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ports = (FreePort.next(), FreePort.next())
        let opsPorts = (FreePort.next(), FreePort.next())
        let endpoints = ["tcp://127.0.0.1:\(ports.0)", "tcp://127.0.0.1:\(ports.1)"]
        let doomed = try startBroker(port: ports.0, opsPort: opsPorts.0, name: "broker-1", in: folder)
        let survivor = try startBroker(port: ports.1, opsPort: opsPorts.1, name: "broker-2", in: folder)
        let catalog = try RunningProcess(
            "catalog",
            endpoints.flatMap { ["--broker", $0] } + [
                "--curve", "off", "--heartbeat-interval", "0.3", "--liveness", "3", "--ops-port", "0",
                "--concurrency", "4", "--instance", "catalog-1", "--data",
                folder.url.appendingPathComponent("catalog").path,
            ],
            name: "catalog-1", folder: folder.url)

        // The worker registers its 4 slots with each broker.
        for (name, port) in [("broker-1", opsPorts.0), ("broker-2", opsPorts.1)] {
            let registered = await waitUntil(.seconds(60)) {
                (await catalogStatus(opsPort: port)?["workersReady"] ?? 0) == 4
            }
            try #require(registered, "catalog never had 4 ready workers at \(name)\n\(catalog.output)")
        }

        let client = try BusClient(.init(brokers: endpoints, attemptTimeout: .milliseconds(500)))
        let ping = Routes.ping(service: "catalog")
        let retried = Load()
        let unretried = Load()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<Self.retriedCallers {
                group.addTask {
                    while !retried.isStopped {
                        do {
                            _ = try await client.call(ping, PingRequest(), timeout: .seconds(10))
                            retried.succeeded()
                        } catch {
                            retried.failed("\(error)")
                        }
                    }
                }
            }
            for _ in 0..<Self.unretriedCallers {
                group.addTask {
                    while !unretried.isStopped {
                        do {
                            if try await Self.unretriedPing(client) {
                                unretried.succeeded()
                            } else {
                                unretried.failed("error reply")
                            }
                        } catch {
                            unretried.failed("\(error)")
                        }
                    }
                }
            }
            // Both brokers carry calls before one of them dies.
            let spread = await waitUntil(.seconds(30)) {
                let first = await catalogStatus(opsPort: opsPorts.0)?["requests"] ?? 0
                let second = await catalogStatus(opsPort: opsPorts.1)?["requests"] ?? 0
                return first >= 50 && second >= 50
            }
            #expect(spread, "the client did not spread calls over both brokers")
            doomed.signal(SIGKILL)
            retried.markKilled()
            unretried.markKilled()
            doomed.process.waitUntilExit()
            // Calls go on through the surviving broker.
            let carriedOn = await waitUntil(.seconds(30)) {
                retried.snapshot.after >= 200 && unretried.snapshot.after >= 100
            }
            #expect(carriedOn, "calls did not go on after broker-1 died: \(retried.snapshot), \(unretried.snapshot)")
            retried.stop()
            unretried.stop()
        }

        let retriedTally = retried.snapshot
        let unretriedTally = unretried.snapshot
        print(
            "two brokers, one killed: retried calls \(retriedTally.before) before, \(retriedTally.after) after, "
                + "\(retriedTally.failures.count) failed; unretried calls \(unretriedTally.before) before, "
                + "\(unretriedTally.after) after, \(unretriedTally.failures.count) failed")
        // Retried calls: none fails, as the other broker answers the retry.
        #expect(retriedTally.failures.isEmpty, "retried calls failed: \(retriedTally.failures.prefix(5))")
        // Unretried calls: at most the one call each caller had in flight when broker-1 died.
        #expect(
            unretriedTally.failures.count <= Self.unretriedCallers,
            "more unretried calls failed than were in flight: \(unretriedTally.failures.count), \(unretriedTally.failures.prefix(5))"
        )
        #expect(retriedTally.before > 0 && unretriedTally.before > 0)
        let served = await catalogStatus(opsPort: opsPorts.1)?["requests"] ?? 0
        #expect(served >= retriedTally.after + unretriedTally.after - Self.retriedCallers - Self.unretriedCallers)
        #expect(catalog.process.isRunning, "\(catalog.output)")

        await client.shutdown()
        await catalog.stop()
        await survivor.stop()
    }
}
