import Broker
import CZeroMQ
import Foundation
import Majordomo
import MizSchema
import Testing
import ZeroMQ

#if canImport(Glibc)
    import Glibc
#endif

/// A running `BrokerServer` on real sockets, spoken to by clients and workers made from raw
/// ZeroMQ sockets that send the spec's frames by hand.
@Suite("Broker server")
struct BrokerServerTests {
    private static let mdpc = "MDPC01"
    private static let mdpw = Data("MDPW01".utf8)

    @Test("a raw REQ client and a raw DEALER worker talk through the broker frame by frame")
    func specConformance() throws {
        let broker = try RunningBroker(policy: BrokerPolicy(heartbeatInterval: .milliseconds(200), liveness: 100_000))
        defer { broker.stop() }

        let worker = try RawPeer(.dealer, connectTo: broker.endpoint)
        try worker.send([Data(), Self.mdpw, Data([0x01]), Data("echo".utf8)])

        let client = try RawPeer(.req, connectTo: broker.endpoint)
        try client.send(strings: [Self.mdpc, "echo", "hello", "second frame"])

        let request = try #require(try worker.receiveSkippingHeartbeats())
        #expect(request.count == 7)
        #expect(request[0].isEmpty)
        #expect(request[1] == Self.mdpw)
        #expect(request[2] == Data([0x02]))
        let clientAddress = request[3]
        #expect(!clientAddress.isEmpty)
        #expect(request[4].isEmpty)
        #expect(request[5...] == [Data("hello".utf8), Data("second frame".utf8)])

        try worker.send([Data(), Self.mdpw, Data([0x03]), clientAddress, Data(), Data("world".utf8)])
        let reply = try #require(try client.receive())
        #expect(reply == [Data(Self.mdpc.utf8), Data("echo".utf8), Data("world".utf8)])

        // The broker heartbeats its workers on its own.
        let heartbeat = try #require(try worker.receive())
        #expect(heartbeat == [Data(), Self.mdpw, Data([0x04])])

        // 8/MMI from the same raw REQ socket.
        #expect(try askServiceDiscovery(client, about: "echo") == "200")
        #expect(try askServiceDiscovery(client, about: "nobody") == "404")
        try client.send(strings: [Self.mdpc, "mmi.nothing", "x"])
        #expect(try client.receive() == [Data(Self.mdpc.utf8), Data("mmi.nothing".utf8), Data("501".utf8)])

        // A DEALER client sends the empty frame itself and gets it back.
        let dealerClient = try RawPeer(.dealer, connectTo: broker.endpoint)
        try dealerClient.send([Data(), Data(Self.mdpc.utf8), Data("echo".utf8), Data("again".utf8)])
        let second = try #require(try worker.receiveSkippingHeartbeats())
        #expect(second[2] == Data([0x02]))
        try worker.send([Data(), Self.mdpw, Data([0x03]), second[3], Data(), Data("done".utf8)])
        #expect(
            try dealerClient.receive() == [Data(), Data(Self.mdpc.utf8), Data("echo".utf8), Data("done".utf8)]
        )

        // The worker leaves; the broker forgets it.
        try worker.send([Data(), Self.mdpw, Data([0x05])])
        #expect(try waitForServiceDiscovery(client, about: "echo", toSay: "404"))
    }

    @Test("a worker that sends HEARTBEAT before READY is told DISCONNECT; shutdown disconnects workers")
    func disconnects() throws {
        let broker = try RunningBroker()
        let stranger = try RawPeer(.dealer, connectTo: broker.endpoint)
        try stranger.send([Data(), Self.mdpw, Data([0x04])])
        #expect(try stranger.receive() == [Data(), Self.mdpw, Data([0x05])])

        let worker = try RawPeer(.dealer, connectTo: broker.endpoint)
        try worker.send([Data(), Self.mdpw, Data([0x01]), Data("leaving".utf8)])
        #expect(broker.waitForStatus { $0.service("leaving")?.workersReady == 1 })
        #expect(broker.stop())
        #expect(try worker.receiveSkippingHeartbeats() == [Data(), Self.mdpw, Data([0x05])])
    }

    @Test("900 requests over 3 raw workers: least-recently-used gives each between 250 and 350")
    func leastRecentlyUsedSpreadsLoad() throws {
        let broker = try RunningBroker()
        defer { broker.stop() }
        let workers = try (0..<3).map { _ in try RawPeer(.dealer, connectTo: broker.endpoint) }
        for worker in workers { try worker.send([Data(), Self.mdpw, Data([0x01]), Data("lru".utf8)]) }
        #expect(broker.waitForStatus { $0.service("lru")?.workersReady == 3 })

        // One request at a time, so every request finds all three workers idle and the
        // broker's choice is its least-recently-used order alone.
        let client = try RawPeer(.req, connectTo: broker.endpoint)
        let total = 900
        var served = [0, 0, 0]
        var poller = ZMQPoller()
        for worker in workers { poller.watch(worker.socket) }
        for index in 0..<total {
            try client.send(strings: [Self.mdpc, "lru", "\(index)"])
            var answered = false
            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            while !answered, ContinuousClock.now < deadline {
                _ = try poller.poll(timeoutMilliseconds: 1_000)
                for (number, worker) in workers.enumerated() {
                    while let frames = try worker.socket.receive(dontWait: true) {
                        guard frames.count == 6, frames[2] == Data([0x02]) else { continue }
                        served[number] += 1
                        try worker.send([Data(), Self.mdpw, Data([0x03]), frames[3], Data(), frames[5]])
                        answered = true
                    }
                }
            }
            try #require(answered)
            #expect(try client.receive() == [Data(Self.mdpc.utf8), Data("lru".utf8), Data("\(index)".utf8)])
        }
        #expect(served.reduce(0, +) == total)
        for count in served { #expect((250...350).contains(count), "served: \(served)") }
        #expect(broker.waitForStatus { $0.service("lru")?.replies == total })
    }

    @Test("a burst of pipelined requests from a DEALER client is queued and all answered")
    func burstIsQueuedAndAnswered() throws {
        let broker = try RunningBroker()
        defer { broker.stop() }
        let workers = try (0..<2).map { _ in try RawPeer(.dealer, connectTo: broker.endpoint) }
        for worker in workers { try worker.send([Data(), Self.mdpw, Data([0x01]), Data("burst".utf8)]) }
        let client = try RawPeer(.dealer, connectTo: broker.endpoint)
        let total = 1_000
        for index in 0..<total {
            try client.send([Data(), Data(Self.mdpc.utf8), Data("burst".utf8), Data("\(index)".utf8)])
        }
        var received = Set<Data>()
        var poller = ZMQPoller()
        for worker in workers { poller.watch(worker.socket) }
        poller.watch(client.socket)
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while received.count < total, ContinuousClock.now < deadline {
            _ = try poller.poll(timeoutMilliseconds: 1_000)
            for worker in workers {
                while let frames = try worker.socket.receive(dontWait: true) {
                    guard frames.count == 6, frames[2] == Data([0x02]) else { continue }
                    try worker.send([Data(), Self.mdpw, Data([0x03]), frames[3], Data(), frames[5]])
                }
            }
            while let frames = try client.socket.receive(dontWait: true) {
                #expect(frames.count == 4)
                if let body = frames.last { received.insert(body) }
            }
        }
        #expect(received.count == total)
    }

    @Test("a request for a service without workers gets the unavailable error reply in the shared schema")
    func noWorkerUnavailable() throws {
        let broker = try RunningBroker(policy: BrokerPolicy(liveness: 10_000, maximumWait: .milliseconds(300)))
        defer { broker.stop() }
        let client = try RawPeer(.dealer, connectTo: broker.endpoint)
        let (envelope, body) = try mizRequestBody(route: "ghost.find")
        try client.send([Data(), Data(Self.mdpc.utf8), Data("ghost".utf8)] + body)

        let reply = try #require(try client.receive())
        let message = try ClientMessage(frames: reply[...])
        #expect(message.service == "ghost")
        let bus = try BusMessage(bodyFrames: message.body)
        #expect(bus.envelope.messageId == envelope.messageId)
        #expect(bus.envelope.outcome == .error)
        let error = try WireCoding.decoder.decode(BusError.self, from: bus.payload)
        #expect(error.code == .unavailable)
        #expect(broker.waitForStatus { $0.service("ghost")?.expired == 1 })

        // A spec client without a Miz envelope is answered too.
        let plain = try RawPeer(.req, connectTo: broker.endpoint)
        try plain.send(strings: [Self.mdpc, "ghost", "hello"])
        let plainReply = try #require(try plain.receive())
        #expect(plainReply.count == 4)
        let plainBus = try BusMessage(bodyFrames: plainReply[2...])
        #expect(plainBus.envelope.route == "ghost")
        #expect(try WireCoding.decoder.decode(BusError.self, from: plainBus.payload).code == .unavailable)
    }

    @Test("garbage bytes and half-finished ZMTP handshakes do not stop the broker")
    func survivesGarbage() throws {
        let broker = try RunningBroker()
        defer { broker.stop() }
        let port = try #require(tcpPort(of: broker.endpoint))

        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4_096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Self.rawTCP(port: port, send: garbage)
        // A valid ZMTP 3.0 signature and version, cut short inside the mechanism.
        let greeting: [UInt8] = [0xff] + Array(repeating: 0, count: 8) + [0x7f, 3, 0] + Array("NU".utf8)
        let halfOpen = try Self.rawTCP(port: port, send: greeting, keepOpen: true)
        defer { close(halfOpen) }
        // A whole NULL greeting followed by a frame that is not a handshake command.
        let fullGreeting: [UInt8] =
            [0xff] + Array(repeating: 0, count: 8) + [0x7f, 3, 0] + Array("NULL".utf8)
            + Array(repeating: 0, count: 16) + [0] + Array(repeating: 0, count: 31)
        try Self.rawTCP(port: port, send: fullGreeting + [0x04, 0x05] + garbage.prefix(64))
        try Self.rawTCP(port: port, send: [0xff, 0, 0, 0, 0, 0, 0, 0, 0xff, 0x7f] + garbage.prefix(200))

        let worker = try RawPeer(.dealer, connectTo: broker.endpoint)
        try worker.send([Data(), Self.mdpw, Data([0x01]), Data("sturdy".utf8)])
        let client = try RawPeer(.req, connectTo: broker.endpoint)
        try client.send(strings: [Self.mdpc, "sturdy", "ping"])
        let request = try #require(try worker.receiveSkippingHeartbeats())
        try worker.send([Data(), Self.mdpw, Data([0x03]), request[3], Data(), Data("pong".utf8)])
        #expect(try client.receive() == [Data(Self.mdpc.utf8), Data("sturdy".utf8), Data("pong".utf8)])
    }

    @Test("the broker binds several endpoints, tcp and ipc, and routes between them")
    func severalEndpoints() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-broker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ipc = "ipc://\(folder.path)/broker.ipc"
        let broker = try RunningBroker(endpoints: ["tcp://127.0.0.1:*", ipc])
        defer { broker.stop() }
        #expect(broker.server.boundEndpoints.count == 2)
        #expect(tcpPort(of: broker.server.boundEndpoints[0]) != 0)
        #expect(broker.server.boundEndpoints[1].hasPrefix("ipc://"))

        let worker = try RawPeer(.dealer, connectTo: broker.server.boundEndpoints[1])
        try worker.send([Data(), Self.mdpw, Data([0x01]), Data("both".utf8)])
        let client = try RawPeer(.req, connectTo: broker.server.boundEndpoints[0])
        try client.send(strings: [Self.mdpc, "both", "over tcp"])
        let request = try #require(try worker.receiveSkippingHeartbeats())
        try worker.send([Data(), Self.mdpw, Data([0x03]), request[3], Data(), Data("over ipc".utf8)])
        #expect(try client.receive() == [Data(Self.mdpc.utf8), Data("both".utf8), Data("over ipc".utf8)])
    }

    @Test("run() returns after shutdown() and a second run is refused")
    func asyncRunAndShutdown() async throws {
        let server = try BrokerServer(configuration: BrokerServerConfiguration(endpoints: ["tcp://127.0.0.1:*"]))
        server.shutdown()
        try await server.run()
        await #expect(throws: BrokerServerError.alreadyStarted) { try await server.run() }
        #expect(throws: BrokerServerError.noEndpoints) {
            _ = try BrokerServer(configuration: BrokerServerConfiguration(endpoints: []))
        }
    }

    /// Connects a plain TCP socket to the broker's port, writes the bytes, and closes it
    /// unless asked to keep it open; returns the descriptor.
    @discardableResult
    private static func rawTCP(port: UInt16, send bytes: [UInt8], keepOpen: Bool = false) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(connected == 0)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if !keepOpen { close(descriptor) }
        return descriptor
    }
}
