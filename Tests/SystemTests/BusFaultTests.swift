import Foundation
import MizBus
import MizSchema
import Testing
import ZeroMQ

/// Faults of the bus with the real `broker` and service executables.
@Suite("Bus faults with real processes", .serialized)
struct BusFaultTests {
    /// Starts a plain-TCP broker with short heartbeats on a free port.
    private func startBroker(port: Int, in folder: TemporaryFolder, name: String = "broker") throws -> RunningProcess {
        try RunningProcess(
            "broker",
            [
                "--bind", "tcp://127.0.0.1:\(port)", "--curve", "off", "--heartbeat-interval", "0.3", "--liveness", "3",
                "--ops-port", "0", "--data", folder.url.path,
            ],
            name: name, folder: folder.url)
    }

    private func startCatalog(port: Int, in folder: TemporaryFolder, instance: String) throws -> RunningProcess {
        try RunningProcess(
            "catalog",
            [
                "--broker", "tcp://127.0.0.1:\(port)", "--curve", "off", "--heartbeat-interval", "0.3", "--liveness",
                "3",
                "--ops-port", "0", "--concurrency", "4", "--instance", instance, "--data",
                folder.url.appendingPathComponent(instance).path,
            ],
            name: instance, folder: folder.url)
    }

    @Test("a worker killed with SIGKILL mid-request: idempotent calls still succeed on another instance")
    func killedWorkerMidRequest() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let port = FreePort.next()
        let broker = try startBroker(port: port, in: folder)
        let doomed = try startCatalog(port: port, in: folder, instance: "catalog-doomed")
        let client = try BusClient(.init(brokers: ["tcp://127.0.0.1:\(port)"], attemptTimeout: .seconds(1)))
        let ping = Routes.ping(service: "catalog")
        #expect(
            await waitUntil(.seconds(60)) { try await client.call(ping, PingRequest()).instanceId == "catalog-doomed" },
            "\(doomed.output)")
        // Freeze the first instance so that the calls it takes are held mid-request, then start a healthy one.
        doomed.signal(SIGSTOP)
        let survivor = try startCatalog(port: port, in: folder, instance: "catalog-survivor")
        var counted: [String: Int] = [:]
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    try await client.call(ping, PingRequest(), timeout: .seconds(30)).instanceId
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            doomed.signal(SIGKILL)
            for try await instance in group { counted[instance, default: 0] += 1 }
        }
        #expect(counted.values.reduce(0, +) == 200)
        #expect(counted["catalog-survivor", default: 0] > 0, "\(survivor.output)")
        await client.shutdown()
        await survivor.stop()
        await broker.stop()
    }

    @Test("a SIGSTOPped worker is dropped by the broker after liveness runs out")
    func stoppedWorkerDropped() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let port = FreePort.next()
        let broker = try startBroker(port: port, in: folder)
        let catalog = try startCatalog(port: port, in: folder, instance: "catalog-1")
        let client = try BusClient(.init(brokers: ["tcp://127.0.0.1:\(port)"]))
        #expect(await waitUntil(.seconds(60)) { try await client.isServiceAvailable("catalog") }, "\(catalog.output)")
        catalog.signal(SIGSTOP)
        #expect(
            await waitUntil(.seconds(20)) { try await client.isServiceAvailable("catalog") == false },
            "\(broker.output)")
        catalog.signal(SIGCONT)
        // Once it runs again it notices the broker forgot it and registers anew.
        #expect(await waitUntil(.seconds(30)) { try await client.isServiceAvailable("catalog") }, "\(catalog.output)")
        #expect(try await client.call(Routes.ping(service: "catalog"), PingRequest()).instanceId == "catalog-1")
        await client.shutdown()
        await catalog.stop()
        await broker.stop()
    }

    @Test("the broker process restarts: the running workers re-register and calls resume")
    func brokerProcessRestart() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let port = FreePort.next()
        let first = try startBroker(port: port, in: folder, name: "broker-1")
        let catalog = try startCatalog(port: port, in: folder, instance: "catalog-1")
        let client = try BusClient(.init(brokers: ["tcp://127.0.0.1:\(port)"], attemptTimeout: .milliseconds(500)))
        let ping = Routes.ping(service: "catalog")
        #expect(
            await waitUntil(.seconds(60)) { (try? await client.call(ping, PingRequest())) != nil }, "\(catalog.output)")
        first.signal(SIGKILL)
        first.process.waitUntilExit()
        let second = try startBroker(port: port, in: folder, name: "broker-2")
        #expect(
            await waitUntil(.seconds(30)) {
                (try? await client.call(ping, PingRequest(), timeout: .seconds(1))) != nil
            }, "\(catalog.output)")
        #expect(catalog.process.isRunning)
        await client.shutdown()
        await catalog.stop()
        await second.stop()
    }

    @Test("CURVE: a listed key joins, an unlisted key and a plain socket cannot")
    func curveAllowList() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let port = FreePort.next()
        let keys = folder.url.appendingPathComponent("keys")
        let broker = try RunningProcess(
            "broker",
            [
                "--bind", "tcp://127.0.0.1:\(port)", "--curve", "on", "--keys", keys.path, "--ops-port", "0", "--data",
                folder.url.path,
            ],
            folder: folder.url)
        let catalog = try RunningProcess(
            "catalog",
            [
                "--broker", "tcp://127.0.0.1:\(port)", "--curve", "on", "--keys", keys.path, "--ops-port", "0",
                "--data", folder.url.path, "--instance", "catalog-curve",
            ],
            folder: folder.url)
        let store = CurveKeyStoreReader(folder: keys)
        #expect(await waitUntil(.seconds(30)) { store.brokerPublicKey() != nil })
        let brokerKey = try #require(store.brokerPublicKey())
        // An admitted client: its public key is written to the allow-list before it connects.
        let admitted = try CurveKeyPair.generate()
        try store.authorize(admitted, name: "test-client")
        let client = try BusClient(
            .init(brokers: ["tcp://127.0.0.1:\(port)"], curve: BusCurve(keys: admitted, brokerPublicKey: brokerKey)))
        #expect(
            await waitUntil(.seconds(60)) { try await client.isServiceAvailable("catalog") },
            "\(broker.output)\n\(catalog.output)")
        #expect(try await client.call(Routes.ping(service: "catalog"), PingRequest()).instanceId == "catalog-curve")

        // A stranger's key is refused by the ZAP handler: nothing it sends gets an answer.
        let stranger = try BusClient(
            .init(
                brokers: ["tcp://127.0.0.1:\(port)"],
                curve: BusCurve(keys: try CurveKeyPair.generate(), brokerPublicKey: brokerKey)))
        let refused = await #expect(throws: BusError.self) {
            try await stranger.call(Routes.ping(service: "catalog"), PingRequest(), timeout: .seconds(2))
        }
        #expect(refused?.code == .timeout)
        // A plain socket cannot even finish the handshake.
        let plain = try BusClient(.init(brokers: ["tcp://127.0.0.1:\(port)"]))
        let plainRefused = await #expect(throws: BusError.self) {
            try await plain.call(Routes.ping(service: "catalog"), PingRequest(), timeout: .seconds(2))
        }
        #expect(plainRefused?.code == .timeout)
        await stranger.shutdown()
        await plain.shutdown()
        await client.shutdown()
        await catalog.stop()
        await broker.stop()
    }
}

/// Reads and extends a keys folder as an operator would, without the runtime's code.
struct CurveKeyStoreReader {
    let folder: URL

    func brokerPublicKey() -> String? {
        (try? String(contentsOf: folder.appendingPathComponent("broker.pub"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func authorize(_ keys: CurveKeyPair, name: String) throws {
        let folder = folder.appendingPathComponent("authorized")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((keys.publicKey + "\n").utf8).write(to: folder.appendingPathComponent("\(name).pub"))
    }
}
