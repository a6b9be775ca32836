import Broker
import CZeroMQ
import Foundation
import Majordomo
import MizRuntime
import Testing
import ZeroMQ

/// The broker as a CURVE server with its ZAP handler: only listed keys join the bus.
@Suite("Broker CURVE")
struct BrokerCurveTests {
    private static let mdpw = Data("MDPW01".utf8)

    /// A fresh folder under the temporary directory.
    private static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func list(_ keys: CurveKeyPair, as name: String, in folder: URL) throws {
        try Data((keys.publicKey + "\n").utf8).write(to: folder.appendingPathComponent("\(name).pub"))
    }

    @Test("listed keys join, an unlisted key and a plain socket are refused, a key added live joins")
    func onlyListedKeysJoin() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let serverKeys = try CurveKeyPair.generate()
        let allowed = try CurveKeyPair.generate()
        let refused = try CurveKeyPair.generate()
        try Self.list(allowed, as: "catalog", in: folder)

        // A context holds one ZAP handler, so the CURVE broker gets a context of its own.
        let broker = try RunningBroker(
            curve: BrokerCurveConfiguration(serverKeys: serverKeys, authorizedKeysFolder: folder),
            context: try ZMQContext()
        )
        defer { broker.stop() }
        func curveClient(_ keys: CurveKeyPair) -> (ZMQSocket) throws -> Void {
            { try $0.makeCurveClient(keys, serverPublicKey: serverKeys.publicKey) }
        }

        let worker = try RawPeer(.dealer, connectTo: broker.endpoint, configure: curveClient(allowed))
        try worker.send([Data(), Self.mdpw, Data([0x01]), Data("secure".utf8)])
        let client = try RawPeer(.req, connectTo: broker.endpoint, configure: curveClient(allowed))
        #expect(try waitForServiceDiscovery(client, about: "secure", toSay: "200"))

        var intruderMonitor: HandshakeMonitor?
        let intruder = try RawPeer(.dealer, connectTo: broker.endpoint) { socket in
            try curveClient(refused)(socket)
            intruderMonitor = try HandshakeMonitor(watching: socket)
        }
        try intruder.send([Data(), Self.mdpw, Data([0x01]), Data("forbidden".utf8)])
        #expect(try intruderMonitor?.waitForFailure() == UInt16(ZMQ_EVENT_HANDSHAKE_FAILED_AUTH))
        #expect(try askServiceDiscovery(client, about: "forbidden") == "404")

        var plainMonitor: HandshakeMonitor?
        let plain = try RawPeer(.dealer, connectTo: broker.endpoint) { socket in
            plainMonitor = try HandshakeMonitor(watching: socket)
        }
        try plain.send([Data(), Self.mdpw, Data([0x01]), Data("plain".utf8)])
        #expect(try plainMonitor?.waitForFailure() != nil)
        #expect(try askServiceDiscovery(client, about: "plain") == "404")
        #expect(try askServiceDiscovery(client, about: "forbidden") == "404")

        // A key listed while the broker runs is admitted at its first try.
        let late = try CurveKeyPair.generate()
        try Self.list(late, as: "late", in: folder)
        let lateWorker = try RawPeer(.dealer, connectTo: broker.endpoint, configure: curveClient(late))
        try lateWorker.send([Data(), Self.mdpw, Data([0x01]), Data("late".utf8)])
        #expect(try waitForServiceDiscovery(client, about: "late", toSay: "200"))
        _ = intruder
        _ = plain
    }

    @Test("the ZAP handler admits listed CURVE keys and refuses everything else with a status")
    func zapHandlerDecisions() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let allowed = try CurveKeyPair.generate()
        let other = try CurveKeyPair.generate()
        try Self.list(allowed, as: "requests", in: folder)
        var handler = ZAPHandler(authorizedKeys: AuthorizedKeys(folder: folder))

        func request(mechanism: String, credentials: [Data]) -> [Data] {
            [Data("1.0".utf8), Data("7".utf8), Data("miz".utf8), Data("127.0.0.1".utf8), Data(), Data(mechanism.utf8)]
                + credentials
        }
        let admitted = handler.handle(request(mechanism: "CURVE", credentials: [try Self.rawKey(allowed.publicKey)]))
        #expect(admitted.admitted)
        #expect(
            admitted.reply
                == [
                    Data("1.0".utf8), Data("7".utf8), Data("200".utf8), Data("OK".utf8), Data(allowed.publicKey.utf8),
                    Data(),
                ]
        )

        let refused = handler.handle(request(mechanism: "CURVE", credentials: [try Self.rawKey(other.publicKey)]))
        #expect(!refused.admitted)
        #expect(refused.reply[2] == Data("400".utf8))
        #expect(refused.keyPrefix == String(other.publicKey.prefix(8)))

        #expect(handler.handle(request(mechanism: "NULL", credentials: [])).reply[2] == Data("400".utf8))
        #expect(
            handler.handle(request(mechanism: "CURVE", credentials: [Data([1, 2, 3])])).reply[2] == Data("400".utf8))
        let malformed = handler.handle([Data("2.0".utf8), Data("9".utf8)])
        #expect(malformed.reply[0...2] == [Data("1.0".utf8), Data("9".utf8), Data("500".utf8)])
        #expect(handler.handle([]).reply.count == 6)
    }

    @Test("key files hold a bare Z85 key or a zcert public-key line")
    func keyFileFormats() throws {
        let keys = try CurveKeyPair.generate()
        #expect(AuthorizedKeys.keys(inFileText: keys.publicKey + "\n") == [keys.publicKey])
        #expect(
            AuthorizedKeys.keys(
                inFileText: "#   ZeroMQ CURVE Public Certificate\ncurve\n    public-key = \"\(keys.publicKey)\"\n")
                == [keys.publicKey]
        )
        #expect(AuthorizedKeys.keys(inFileText: "not a key\n").isEmpty)
        // Z85 itself uses "=" and "#": such keys are still read as keys.
        let awkward = "#=abcdefghij0123456789ABCDEFGHIJ.-:+^!/*"
        #expect(AuthorizedKeys.keys(inFileText: "  \(awkward)  \n") == [awkward])
        #expect(AuthorizedKeys.keys(inFileText: "public-key = \"\(awkward)\"") == [awkward])
    }

    @Test("the broker's key pair is made on first start and read back after; clients are put on the allow-list")
    func brokerKeysPersist() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keysFolder = folder.appendingPathComponent("keys")
        let store = CurveKeyStore(folder: keysFolder)
        let first = try BrokerCurveConfiguration(keyStore: store)
        let second = try BrokerCurveConfiguration(keyStore: CurveKeyStore(folder: keysFolder))
        #expect(first == second)
        #expect(first.authorizedKeysFolder == keysFolder.appendingPathComponent("authorized", isDirectory: true))
        let client = try store.clientKeys(named: "catalog")
        #expect(try store.clientKeys(named: "catalog") == client)
        var allowList = AuthorizedKeys(folder: first.authorizedKeysFolder)
        let admitsClient = allowList.contains(client.publicKey)
        let admitsBrokerItself = allowList.contains(first.serverPublicKey)
        #expect(admitsClient)
        #expect(!admitsBrokerItself)
        let published = try String(contentsOf: keysFolder.appendingPathComponent("broker.pub"), encoding: .utf8)
        #expect(published.trimmingCharacters(in: .whitespacesAndNewlines) == first.serverPublicKey)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: keysFolder.appendingPathComponent("broker.key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    /// The 32 raw bytes of a Z85 key, as a ZAP request carries them.
    private static func rawKey(_ z85: String) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: 32)
        let decoded = zmq_z85_decode(&bytes, z85)
        try #require(decoded != nil)
        return Data(bytes)
    }
}

/// Watches a socket's handshakes through `zmq_socket_monitor`, so a test waits for the
/// refusal itself rather than for time to pass.
final class HandshakeMonitor {
    private let events: ZMQSocket

    /// Starts monitoring handshake outcomes of the socket (before it connects).
    init(watching socket: ZMQSocket) throws {
        let endpoint = "inproc://miz-monitor-\(UUID().uuidString)"
        let mask =
            ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL
            | ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH
        try #require(zmq_socket_monitor(socket.handle, endpoint, mask) == 0)
        events = try ZMQSocket(.pair, context: socket.context)
        try events.setOption(ZMQ_LINGER, 0)
        try events.connect(endpoint)
    }

    /// The first failed-handshake event, or nil if the handshake succeeded or nothing
    /// happened within the (generous) timeout.
    func waitForFailure(timeout: Duration = .seconds(20)) throws -> UInt16? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            var poller = ZMQPoller()
            poller.watch(events)
            _ = try poller.poll(timeoutMilliseconds: 200)
            guard let frames = try events.receive(dontWait: true), let first = frames.first, first.count >= 2 else {
                continue
            }
            let event = UInt16(first[first.startIndex]) | UInt16(first[first.startIndex + 1]) << 8
            if event == UInt16(ZMQ_EVENT_HANDSHAKE_SUCCEEDED) { return nil }
            return event
        }
        return nil
    }
}
