import Broker
import CZeroMQ
import Foundation
import Logging
import Majordomo
import Metrics
import MizSchema
import Testing
import ZeroMQ

/// A raw ZeroMQ socket a test drives by hand, frame by frame, as a client or worker in any
/// language would; no bus library is involved.
final class RawPeer {
    let socket: ZMQSocket

    /// Makes a socket of the kind, lets `configure` set options (CURVE keys), and connects.
    init(
        _ kind: ZMQSocketKind,
        connectTo endpoint: String,
        context: ZMQContext = .shared,
        configure: (ZMQSocket) throws -> Void = { _ in }
    ) throws {
        socket = try ZMQSocket(kind, context: context)
        try socket.setOption(ZMQ_LINGER, 0)
        try configure(socket)
        try socket.connect(endpoint)
    }

    /// Sends one multipart message.
    func send(_ frames: [Data]) throws {
        try socket.send(frames)
    }

    /// Sends one multipart message of UTF-8 strings.
    func send(strings: [String]) throws {
        try socket.send(strings.map { Data($0.utf8) })
    }

    /// The next message, or nil when none came within the (generous) timeout.
    func receive(timeout: Duration = .seconds(20)) throws -> [Data]? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let frames = try socket.receive(dontWait: true) { return frames }
            let left = deadline - ContinuousClock.now
            if left <= .zero { return nil }
            var poller = ZMQPoller()
            poller.watch(socket)
            _ = try poller.poll(timeoutMilliseconds: Int(left.millisecondsRoundedUp))
        }
    }

    /// The next message that is not a worker HEARTBEAT from the broker.
    func receiveSkippingHeartbeats(timeout: Duration = .seconds(20)) throws -> [Data]? {
        let heartbeat = WorkerMessage.heartbeat.frames
        while let frames = try receive(timeout: timeout) {
            if frames != heartbeat { return frames }
        }
        return nil
    }
}

/// A broker running on its own thread for one test, stopped and joined by `stop()`.
final class RunningBroker {
    let server: BrokerServer
    private let finished = DispatchSemaphore(value: 0)
    private let outcome = OutcomeBox()

    /// A policy for raw test workers, which never heartbeat: the broker heartbeats at the
    /// usual interval but waits very long before it forgets a silent worker.
    static let patientPolicy = BrokerPolicy(liveness: 10_000)

    /// Starts a broker on a free loopback port unless endpoints are given.
    init(
        endpoints: [String] = ["tcp://127.0.0.1:*"],
        policy: BrokerPolicy = RunningBroker.patientPolicy,
        curve: BrokerCurveConfiguration? = nil,
        context: ZMQContext = .shared,
        metricsFactory: (any MetricsFactory)? = nil
    ) throws {
        var logger = Logger(label: "miz.broker.test")
        logger.logLevel = .warning
        server = try BrokerServer(
            configuration: BrokerServerConfiguration(endpoints: endpoints, policy: policy, curve: curve),
            logger: logger,
            context: context,
            metricsFactory: metricsFactory
        )
        let finished = self.finished
        let outcome = self.outcome
        server.start { result in
            outcome.set(result)
            finished.signal()
        }
    }

    /// The first bound endpoint.
    var endpoint: String { server.boundEndpoints[0] }

    /// Stops the broker and waits for its thread to end; false if it did not end in time.
    @discardableResult
    func stop() -> Bool {
        server.shutdown()
        let ended = finished.wait(timeout: .now() + 30) == .success
        if ended, case .failure(let error) = outcome.get() {
            Issue.record("broker loop failed: \(error)")
        }
        return ended
    }

    /// Waits until the broker's published status satisfies the condition.
    func waitForStatus(timeout: Duration = .seconds(20), _ condition: (BrokerSnapshot) -> Bool) -> Bool {
        waitUntil(timeout: timeout) { condition(server.status()) }
    }
}

/// The loop's result, handed from the broker's thread to the test's.
private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Void, any Error>?

    func set(_ value: Result<Void, any Error>) { lock.withLock { result = value } }
    func get() -> Result<Void, any Error>? { lock.withLock { result } }
}

/// Checks a condition until it holds or the (generous) timeout passes; for tests only.
func waitUntil(timeout: Duration = .seconds(20), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return try condition()
}

/// The broker did not answer within the test's generous timeout.
struct NoReply: Error {}

/// Asks `mmi.service` about a service from a raw REQ socket; returns the status code frame.
func askServiceDiscovery(_ client: RawPeer, about service: String) throws -> String? {
    try client.send(strings: ["MDPC01", "mmi.service", service])
    guard let reply = try client.receive() else { throw NoReply() }
    guard reply.count == 3, reply[0] == MajordomoProtocol.clientHeader, reply[1] == Data("mmi.service".utf8) else {
        return nil
    }
    return String(decoding: reply[2], as: UTF8.self)
}

/// Asks `mmi.service` until the answer is the expected code, or the timeout passes.
func waitForServiceDiscovery(
    _ client: RawPeer,
    about service: String,
    toSay code: String,
    timeout: Duration = .seconds(20)
) throws -> Bool {
    try waitUntil(timeout: timeout) { try askServiceDiscovery(client, about: service) == code }
}

/// The TCP port of an endpoint such as `tcp://127.0.0.1:40123`.
func tcpPort(of endpoint: String) -> UInt16? {
    endpoint.split(separator: ":").last.flatMap { UInt16($0) }
}

/// A Miz request body: envelope header and an empty JSON payload.
func mizRequestBody(route: String, deadline: Date = Date().addingTimeInterval(60)) throws -> (Envelope, [Data]) {
    let envelope = Envelope(route: route, deadline: deadline, caller: .service("tests"))
    return (envelope, try BusMessage(envelope: envelope, payload: Data("{}".utf8)).bodyFrames())
}
