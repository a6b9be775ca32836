import Foundation
import MizBus
import MizSchema
import Testing
import ZeroMQ

/// The operator's path to a deployment's keys: `desk keys` makes them, and an instance on
/// "another machine" joins with only the broker's public key and its own pair.
@Suite("Keys for a deployment", .serialized)
struct OperatorKeysTests {
    @Test("desk keys makes the layout; a catalog with only broker.pub and its own key joins a CURVE broker")
    func keysForAnotherMachine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let keys = folder.url.appendingPathComponent("keys")
        let made = try RunningProcess("desk", ["keys", "--keys", keys.path], name: "desk-keys", folder: folder.url)
        made.process.waitUntilExit()
        try #require(made.process.terminationStatus == 0, "\(made.output)")
        let clients = ["gateway", "catalog", "requests", "identity-verifier", "feedback", "notifier", "desk"]
        for name in ["broker"] + clients {
            let secret = keys.appendingPathComponent("\(name).key")
            let text = try String(contentsOf: secret, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(CurveKeyPair.isZ85Key(text), "\(name).key")
            let mode = try FileManager.default.attributesOfItem(atPath: secret.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(name).key is readable by others")
        }
        for name in clients {
            let pair = try CurveKeyPair(
                secretKey: try String(contentsOf: keys.appendingPathComponent("\(name).key"), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines))
            let listed = try String(
                contentsOf: keys.appendingPathComponent("authorized/\(name).pub"), encoding: .utf8)
            #expect(listed.trimmingCharacters(in: .whitespacesAndNewlines) == pair.publicKey, "\(name)")
        }
        // Run again: nothing changes.
        let before = try String(contentsOf: keys.appendingPathComponent("catalog.key"), encoding: .utf8)
        let again = try RunningProcess("desk", ["keys", "--keys", keys.path], name: "desk-keys-2", folder: folder.url)
        again.process.waitUntilExit()
        #expect(again.process.terminationStatus == 0)
        #expect(try String(contentsOf: keys.appendingPathComponent("catalog.key"), encoding: .utf8) == before)

        // "Another machine": broker.pub, catalog.key and its allow-list entry, no broker secret.
        let remote = folder.url.appendingPathComponent("remote-keys")
        try FileManager.default.createDirectory(
            at: remote.appendingPathComponent("authorized"), withIntermediateDirectories: true)
        for file in ["broker.pub", "catalog.key", "authorized/catalog.pub"] {
            try FileManager.default.copyItem(
                at: keys.appendingPathComponent(file), to: remote.appendingPathComponent(file))
        }
        let port = FreePort.next()
        let broker = try RunningProcess(
            "broker",
            [
                "--bind", "tcp://127.0.0.1:\(port)", "--curve", "on", "--keys", keys.path, "--ops-port", "0",
                "--data", folder.url.path,
            ],
            folder: folder.url)
        let catalog = try RunningProcess(
            "catalog",
            [
                "--broker", "tcp://127.0.0.1:\(port)", "--curve", "on", "--keys", remote.path, "--ops-port", "0",
                "--data", folder.url.appendingPathComponent("catalog").path, "--instance", "catalog-remote",
            ],
            folder: folder.url)
        let deskPair = try CurveKeyPair(
            secretKey: try String(contentsOf: keys.appendingPathComponent("desk.key"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        let brokerKey = try String(contentsOf: keys.appendingPathComponent("broker.pub"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let client = try BusClient(
            .init(brokers: ["tcp://127.0.0.1:\(port)"], curve: BusCurve(keys: deskPair, brokerPublicKey: brokerKey)))
        let joined = await waitUntil(.seconds(60)) {
            try await client.call(Routes.ping(service: "catalog"), PingRequest(), timeout: .seconds(2)).instanceId
                == "catalog-remote"
        }
        #expect(joined, "\(broker.output)\n\(catalog.output)")
        #expect(!FileManager.default.fileExists(atPath: remote.appendingPathComponent("broker.key").path))
        await client.shutdown()
        await catalog.stop()
        await broker.stop()
    }
}
