import Foundation
import MizRuntime
import Testing
import ZeroMQ

@Suite("Log redaction")
struct LogRedactionTests {
    @Test("a national code in a log line keeps only its first three and last digit")
    func nationalCode() {
        #expect(LogRedaction.redact("verify 0012345679 failed") == "verify 001******9 failed")
    }

    @Test(
        "mobiles in every accepted form are masked",
        arguments: [
            ("09121234567", "0912***4567"),
            ("989121234567", "9891****4567"),
            ("9121234567", "912******7"),
        ])
    func mobiles(input: String, masked: String) {
        #expect(LogRedaction.redact("to \(input)") == "to \(masked)")
    }

    @Test("Persian and Arabic-Indic digits are masked as well")
    func otherScripts() {
        #expect(LogRedaction.redact("کد ۰۰۱۲۳۴۵۶۷۹") == "کد ۰۰۱******۹")
        #expect(LogRedaction.redact("٠٩١٢١٢٣٤٥٦٧") == "٠٩١٢***٤٥٦٧")
    }

    @Test("short numbers, years and ids are left as they are")
    func shortNumbers() {
        #expect(
            LogRedaction.redact("page 3 of 1405, took 250 ms, port 5555") == "page 3 of 1405, took 250 ms, port 5555")
    }
}

@Suite("CURVE key folder")
struct CurveKeyStoreTests {
    @Test("keys are made once, secret files are private, and clients land on the allow-list")
    func keysMadeOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = CurveKeyStore(folder: folder)
        let broker = try store.brokerKeys()
        #expect(try CurveKeyStore(folder: folder).brokerKeys() == broker)
        #expect(try store.brokerPublicKey() == broker.publicKey)
        let gateway = try store.clientKeys(named: "gateway")
        #expect(try store.clientKeys(named: "gateway") == gateway)
        #expect(gateway != broker)
        let listed = try String(
            contentsOf: store.authorizedFolder.appendingPathComponent("gateway.pub"), encoding: .utf8)
        #expect(listed.trimmingCharacters(in: .whitespacesAndNewlines) == gateway.publicKey)
        for name in ["broker.key", "gateway.key"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
        #expect(
            !FileManager.default.fileExists(atPath: store.authorizedFolder.appendingPathComponent("broker.pub").path))
    }

    @Test("a service machine with only broker.pub and its own key uses them and makes no broker secret")
    func mountedKeysWithoutBrokerSecret() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // What an operator copies to a machine that runs catalog instances only.
        let broker = try CurveKeyPair.generate()
        let catalog = try CurveKeyPair.generate()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("authorized"), withIntermediateDirectories: true)
        try Data((broker.publicKey + "\n").utf8).write(to: folder.appendingPathComponent("broker.pub"))
        try Data((catalog.secretKey + "\n").utf8).write(to: folder.appendingPathComponent("catalog.key"))
        try Data((catalog.publicKey + "\n").utf8).write(
            to: folder.appendingPathComponent("authorized/catalog.pub"))

        let store = CurveKeyStore(folder: folder)
        #expect(try store.brokerPublicKey() == broker.publicKey)
        #expect(try store.clientKeys(named: "catalog") == catalog)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("broker.key").path))

        try Data("not a key\n".utf8).write(to: folder.appendingPathComponent("broker.pub"))
        #expect(throws: (any Error).self) { try store.brokerPublicKey() }
    }

    @Test("processes starting together agree on one key pair")
    func concurrentCreation() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { try CurveKeyStore(folder: folder).brokerPublicKey() }
            }
            var seen = Set<String>()
            for try await key in group { seen.insert(key) }
            return seen
        }
        #expect(keys.count == 1)
    }
}
