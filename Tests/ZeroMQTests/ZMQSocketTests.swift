import CZeroMQ
import Foundation
import Testing

@testable import ZeroMQ

@Suite("ZeroMQ socket layer")
struct ZMQSocketTests {
    @Test("multipart messages keep every frame, empty and large ones included")
    func multipartRoundTrip() throws {
        let endpoint = "inproc://zmq-tests-\(UUID().uuidString)"
        let server = try ZMQSocket(.pair)
        try server.bind(endpoint)
        let client = try ZMQSocket(.pair)
        try client.connect(endpoint)
        let large = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let frames = [Data(), Data("سلام".utf8), large, Data([0])]
        try client.send(frames)
        let received = try #require(try server.receive())
        #expect(received == frames)
    }

    @Test("receive without waiting returns nil when nothing is queued")
    func receiveDontWaitEmpty() throws {
        let socket = try ZMQSocket(.pair)
        try socket.bind("inproc://zmq-tests-\(UUID().uuidString)")
        #expect(try socket.receive(dontWait: true) == nil)
    }

    @Test("poller reports exactly the readable socket")
    func pollerReportsReadable() throws {
        let a = try ZMQSocket(.pair)
        let b = try ZMQSocket(.pair)
        let endpoint = "inproc://zmq-tests-\(UUID().uuidString)"
        try a.bind(endpoint)
        try b.connect(endpoint)
        var poller = ZMQPoller()
        let ai = poller.watch(a)
        let bi = poller.watch(b)
        #expect(try poller.poll(timeoutMilliseconds: 0) == 0)
        try b.send([Data("x".utf8)])
        #expect(try poller.poll(timeoutMilliseconds: 5_000) == 1)
        #expect(poller.isReadable(ai))
        #expect(!poller.isReadable(bi))
    }

    @Test("a tcp bind to port * reports the port the system chose")
    func lastEndpointHasPort() throws {
        let socket = try ZMQSocket(.router)
        try socket.bind("tcp://127.0.0.1:*")
        let endpoint = try #require(socket.lastEndpoint)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        #expect(Int(endpoint.split(separator: ":").last ?? "") ?? 0 > 0)
    }

    @Test("libzmq errors carry errno and its text")
    func errorsCarryErrnoText() throws {
        let socket = try ZMQSocket(.router)
        let error = #expect(throws: ZMQError.self) { try socket.bind("nonsense://nowhere") }
        #expect(error?.code == EPROTONOSUPPORT)
        #expect(error?.description.contains("zmq_bind(nonsense://nowhere)") == true)
    }

    @Test("a closed socket refuses work with ENOTSOCK instead of crashing")
    func closedSocketRefuses() throws {
        let socket = try ZMQSocket(.dealer)
        socket.close()
        let error = #expect(throws: ZMQError.self) { try socket.send([Data("x".utf8)]) }
        #expect(error?.code == ENOTSOCK)
    }

    @Test("ROUTER_MANDATORY turns a send to an unknown peer into EHOSTUNREACH")
    func routerMandatory() throws {
        let router = try ZMQSocket(.router)
        try router.setOption(ZMQ_ROUTER_MANDATORY, 1)
        try router.bind("inproc://zmq-tests-\(UUID().uuidString)")
        let error = #expect(throws: ZMQError.self) { try router.send([Data("nobody".utf8), Data(), Data("x".utf8)]) }
        #expect(error?.isHostUnreachable == true)
    }
}

@Suite("CURVE keys")
struct CurveKeyPairTests {
    @Test("generated pairs are 40-character Z85 keys and differ each time")
    func generate() throws {
        let a = try CurveKeyPair.generate()
        let b = try CurveKeyPair.generate()
        #expect(CurveKeyPair.isZ85Key(a.publicKey))
        #expect(CurveKeyPair.isZ85Key(a.secretKey))
        #expect(a != b)
    }

    @Test("the public key is derived from the secret key")
    func derive() throws {
        let pair = try CurveKeyPair.generate()
        #expect(try CurveKeyPair(secretKey: pair.secretKey) == pair)
        #expect(throws: ZMQError.self) { try CurveKeyPair(secretKey: "short") }
    }

    @Test("an encrypted pair of sockets talks; a plain client gets nothing through")
    func curveHandshake() throws {
        let serverKeys = try CurveKeyPair.generate()
        let clientKeys = try CurveKeyPair.generate()
        let server = try ZMQSocket(.pair)
        try server.setOption(ZMQ_CURVE_SERVER, 1)
        try server.setOption(ZMQ_CURVE_SECRETKEY, bytes: Array(serverKeys.secretKey.utf8) + [0])
        try server.bind("tcp://127.0.0.1:*")
        let endpoint = try #require(server.lastEndpoint)
        let client = try ZMQSocket(.pair)
        try client.makeCurveClient(clientKeys, serverPublicKey: serverKeys.publicKey)
        try client.connect(endpoint)
        try client.send([Data("secret".utf8)])
        var poller = ZMQPoller()
        poller.watch(server)
        #expect(try poller.poll(timeoutMilliseconds: 10_000) == 1)
        #expect(try server.receive() == [Data("secret".utf8)])
    }
}
