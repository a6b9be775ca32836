import Broker
import Foundation
import Majordomo
import MizSchema
import Testing

/// The broker's routing rules, driven through the pure state machine with made-up time.
@Suite("Broker state machine")
struct BrokerStateTests {
    private let start = BrokerTime(monotonic: .now, wallClockMilliseconds: 1_800_000_000_000)
    private let workerA = Data([0x00, 0x00, 0x00, 0x00, 0x0a])
    private let workerB = Data([0x00, 0x00, 0x00, 0x00, 0x0b])
    private let workerC = Data([0x00, 0x00, 0x00, 0x00, 0x0c])
    private let client = Data([0x00, 0x00, 0x00, 0x01, 0x01])
    private let otherClient = Data([0x00, 0x00, 0x00, 0x01, 0x02])

    /// A state machine and a clock that tests move by hand.
    private struct Harness {
        var state: BrokerState
        var now: BrokerTime

        init(policy: BrokerPolicy = BrokerPolicy(), start: BrokerTime) {
            state = BrokerState(policy: policy, startingAt: start)
            now = start
        }

        mutating func worker(_ peer: Data, _ message: WorkerMessage) -> [BrokerAction] {
            deliver([peer] + message.frames)
        }

        mutating func client(_ peer: Data, _ service: String, _ body: [Data]) -> [BrokerAction] {
            deliver([peer] + ClientMessage(service: service, body: body).frames)
        }

        mutating func deliver(_ frames: [Data]) -> [BrokerAction] {
            var actions: [BrokerAction] = []
            state.receive(routerFrames: frames, at: now, into: &actions)
            return actions
        }

        mutating func advance(_ duration: Duration) -> [BrokerAction] {
            now = now.advanced(by: duration)
            var actions: [BrokerAction] = []
            state.tick(at: now, into: &actions)
            return actions
        }

        func status(_ service: String) -> ServiceStatus? { state.status(ofService: service) }
    }

    private static func sends(_ actions: [BrokerAction]) -> [(peer: Data, frames: [Data])] {
        actions.compactMap { action in
            if case .send(let peer, let frames) = action { return (peer, frames) }
            return nil
        }
    }

    private static func drops(_ actions: [BrokerAction]) -> [String] {
        actions.compactMap { action in
            if case .drop(_, let reason) = action { return reason }
            return nil
        }
    }

    private static let disconnect = WorkerMessage.disconnect.frames

    /// Reads an error reply sent to a client: service and the decoded Miz message.
    private static func errorReply(_ frames: [Data]) throws -> (service: String, message: BusMessage, error: BusError) {
        let reply = try ClientMessage(frames: frames[...])
        let message = try BusMessage(bodyFrames: reply.body)
        let error = try WireCoding.decoder.decode(BusError.self, from: message.payload)
        return (reply.service, message, error)
    }

    // MARK: Routing

    @Test("READY, REQUEST and REPLY route a request to the worker and its reply to the client")
    func routesRequestAndReply() throws {
        var broker = Harness(start: start)
        #expect(Self.sends(broker.worker(workerA, .ready(service: "echo"))).isEmpty)
        #expect(broker.status("echo")?.workersReady == 1)

        let body = [Data("header".utf8), Data("payload".utf8), Data([0x00, 0xff])]
        let toWorker = Self.sends(broker.client(client, "echo", body))
        #expect(toWorker.count == 1)
        #expect(toWorker.first?.peer == workerA)
        #expect(toWorker.first?.frames == WorkerMessage.request(client: client, body: body).frames)
        #expect(broker.status("echo")?.workersBusy == 1)

        let replyBody = [Data("reply header".utf8), Data("reply".utf8)]
        let toClient = Self.sends(broker.worker(workerA, .reply(client: client, body: replyBody)))
        #expect(toClient.count == 1)
        #expect(toClient.first?.peer == client)
        #expect(toClient.first?.frames == [Data(), MajordomoProtocol.clientHeader, Data("echo".utf8)] + replyBody)
        #expect(
            broker.status("echo")
                == ServiceStatus(
                    service: "echo", workersReady: 1, workersBusy: 0, queueDepth: 0, requests: 1, replies: 1)
        )
    }

    @Test("the worker idle longest gets the next request")
    func leastRecentlyUsedOrder() {
        var broker = Harness(start: start)
        for worker in [workerA, workerB, workerC] { _ = broker.worker(worker, .ready(service: "echo")) }
        #expect(Self.sends(broker.client(client, "echo", [Data("1".utf8)])).first?.peer == workerA)
        _ = broker.worker(workerA, .reply(client: client, body: [Data("1".utf8)]))
        // Idle order is now B, C, A.
        var order: [Data] = []
        for index in 2...4 {
            order += Self.sends(broker.client(client, "echo", [Data("\(index)".utf8)])).map(\.peer)
        }
        #expect(order == [workerB, workerC, workerA])
        _ = broker.worker(workerC, .reply(client: client, body: []))
        _ = broker.worker(workerB, .reply(client: client, body: []))
        let next = Self.sends(broker.client(client, "echo", [])).map(\.peer)
        #expect(next == [workerC])
    }

    @Test("a request waits for a worker and goes to the first that says READY")
    func queuedRequestIsDispatchedOnReady() {
        var broker = Harness(start: start)
        #expect(Self.sends(broker.client(client, "late", [Data("body".utf8)])).isEmpty)
        #expect(broker.status("late")?.queueDepth == 1)
        let sent = Self.sends(broker.worker(workerA, .ready(service: "late")))
        #expect(sent.count == 1)
        #expect(sent.first?.frames == WorkerMessage.request(client: client, body: [Data("body".utf8)]).frames)
        #expect(broker.status("late")?.queueDepth == 0)
    }

    @Test("requests wait in arrival order and go out one per freed worker")
    func queueIsFirstInFirstOut() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        _ = broker.client(client, "echo", [Data("1".utf8)])
        _ = broker.client(client, "echo", [Data("2".utf8)])
        _ = broker.client(otherClient, "echo", [Data("3".utf8)])
        #expect(broker.status("echo")?.queueDepth == 2)
        let second = Self.sends(broker.worker(workerA, .reply(client: client, body: [])))
        #expect(second.last?.frames == WorkerMessage.request(client: client, body: [Data("2".utf8)]).frames)
        let third = Self.sends(broker.worker(workerA, .reply(client: client, body: [])))
        #expect(third.last?.frames == WorkerMessage.request(client: otherClient, body: [Data("3".utf8)]).frames)
    }

    // MARK: Protocol errors

    @Test("a second READY from a known worker gets DISCONNECT and the worker is forgotten")
    func duplicateReadyDisconnects() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        let actions = broker.worker(workerA, .ready(service: "echo"))
        #expect(Self.sends(actions).map(\.peer) == [workerA])
        #expect(Self.sends(actions).first?.frames == Self.disconnect)
        #expect(broker.status("echo")?.workersReady == 0)
        #expect(
            Self.sends(broker.client(client, "mmi.service", [Data("echo".utf8)])).first?.frames.last == Data("404".utf8)
        )
    }

    @Test(
        "a worker command other than READY from an unknown peer gets DISCONNECT",
        arguments: [
            WorkerMessage.heartbeat,
            .reply(client: Data([0x00, 0x00, 0x00, 0x01, 0x01]), body: [Data("x".utf8)]),
            .request(client: Data([0x00, 0x00, 0x00, 0x01, 0x01]), body: []),
        ]
    )
    func unknownWorkerCommandDisconnects(message: WorkerMessage) {
        var broker = Harness(start: start)
        let actions = broker.worker(workerA, message)
        #expect(Self.sends(actions).count == 1)
        #expect(Self.sends(actions).first?.peer == workerA)
        #expect(Self.sends(actions).first?.frames == Self.disconnect)
        #expect(Self.drops(actions).count == 1)
        #expect(broker.state.snapshot().workerCount == 0)
    }

    @Test("DISCONNECT removes a worker, and nothing is sent back to a worker that said it")
    func disconnectRemovesWorker() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        #expect(Self.sends(broker.worker(workerA, .disconnect)).isEmpty)
        #expect(broker.status("echo")?.workersReady == 0)
        #expect(Self.sends(broker.worker(workerB, .disconnect)).isEmpty)
        // The request now waits instead of going to the departed worker.
        #expect(Self.sends(broker.client(client, "echo", [])).isEmpty)
    }

    @Test("a REPLY from a worker that has no request, or a REQUEST from a worker, gets DISCONNECT")
    func unexpectedCommandsFromKnownWorkers() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        let reply = broker.worker(workerA, .reply(client: client, body: []))
        #expect(Self.sends(reply).map(\.frames) == [Self.disconnect])
        _ = broker.worker(workerB, .ready(service: "echo"))
        let request = broker.worker(workerB, .request(client: client, body: []))
        #expect(Self.sends(request).map(\.frames) == [Self.disconnect])
        #expect(broker.state.snapshot().workerCount == 0)
    }

    @Test("a worker may not register an mmi. service")
    func mmiNamespaceIsReserved() {
        var broker = Harness(start: start)
        let actions = broker.worker(workerA, .ready(service: "mmi.service"))
        #expect(Self.sends(actions).map(\.frames) == [Self.disconnect])
        #expect(broker.state.snapshot().workerCount == 0)
    }

    @Test(
        "malformed messages are dropped with a reason and change nothing",
        arguments: [
            [Data([1])],
            [Data([1]), Data("garbage".utf8)],
            [Data([1]), Data(), Data("MDPX01".utf8), Data("echo".utf8)],
            [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x07])],
            [Data([1]), Data(), MajordomoProtocol.workerHeader, Data([0x01])],
            [Data([1]), Data(), MajordomoProtocol.clientHeader],
            [],
        ]
    )
    func malformedMessagesAreDropped(frames: [Data]) {
        var broker = Harness(start: start)
        let actions = broker.deliver(frames)
        #expect(Self.sends(actions).isEmpty)
        #expect(Self.drops(actions).count == 1)
        #expect(broker.state.snapshot().services.isEmpty)
    }

    @Test("a known worker that sends an invalid message is forgotten and told DISCONNECT")
    func invalidMessageFromWorker() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        let actions = broker.deliver([workerA, Data(), MajordomoProtocol.workerHeader, Data([0x03]), Data([7])])
        #expect(Self.sends(actions).map(\.frames) == [Self.disconnect])
        #expect(broker.status("echo")?.workersReady == 0)
    }

    // MARK: Heartbeats

    @Test("the broker sends HEARTBEAT to every worker, idle or busy, each interval")
    func heartbeatsEveryWorker() {
        var broker = Harness(policy: BrokerPolicy(heartbeatInterval: .seconds(1)), start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        _ = broker.worker(workerB, .ready(service: "echo"))
        _ = broker.client(client, "echo", [])
        #expect(Self.sends(broker.advance(.milliseconds(500))).isEmpty)
        let beats = Self.sends(broker.advance(.milliseconds(500)))
        #expect(Set(beats.map(\.peer)) == [workerA, workerB])
        #expect(beats.allSatisfy { $0.frames == WorkerMessage.heartbeat.frames })
        #expect(broker.state.nextDeadline == broker.now.monotonic.advanced(by: .seconds(1)))
    }

    @Test("an idle worker not heard from for interval × liveness is forgotten; one that beats stays")
    func idleWorkerExpires() {
        var broker = Harness(policy: BrokerPolicy(heartbeatInterval: .seconds(1), liveness: 3), start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        _ = broker.worker(workerB, .ready(service: "echo"))
        for _ in 1...2 {
            _ = broker.advance(.seconds(1))
            _ = broker.worker(workerB, .heartbeat)
        }
        #expect(broker.status("echo")?.workersReady == 2)
        _ = broker.advance(.seconds(1))
        _ = broker.worker(workerB, .heartbeat)
        #expect(broker.status("echo")?.workersReady == 1)
        // The survivor gets the next request.
        #expect(Self.sends(broker.client(client, "echo", [])).map(\.peer) == [workerB])
        // The forgotten worker's next heartbeat is answered with DISCONNECT.
        #expect(Self.sends(broker.worker(workerA, .heartbeat)).map(\.frames) == [Self.disconnect])
    }

    @Test("a busy worker that goes silent is forgotten and its client told the service is unavailable")
    func busyWorkerExpires() throws {
        var broker = Harness(policy: BrokerPolicy(heartbeatInterval: .seconds(1), liveness: 2), start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        let (envelope, body) = try mizRequestBody(route: "echo.say", deadline: broker.now.date.addingTimeInterval(60))
        _ = broker.client(client, "echo", body)
        #expect(broker.status("echo")?.workersBusy == 1)
        _ = broker.advance(.seconds(1))
        let actions = broker.advance(.seconds(1))
        #expect(broker.status("echo")?.workersBusy == 0)
        #expect(broker.status("echo")?.lost == 1)
        let toClient = Self.sends(actions).filter { $0.peer == client }
        #expect(toClient.count == 1)
        let reply = try Self.errorReply(try #require(toClient.first).frames)
        #expect(reply.service == "echo")
        #expect(reply.message.envelope.messageId == envelope.messageId)
        #expect(reply.error.code == .unavailable)
    }

    // MARK: Service discovery

    @Test("mmi.service answers 200 for a service with a ready or busy worker, 404 otherwise, echoing extra frames")
    func serviceDiscovery() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        let header = Data("{\"messageId\":\"m1\"}".utf8)
        let found = Self.sends(broker.client(client, "mmi.service", [Data("echo".utf8), header, Data([9])]))
        #expect(found.first?.peer == client)
        #expect(
            found.first?.frames
                == [
                    Data(), MajordomoProtocol.clientHeader, Data("mmi.service".utf8), Data("200".utf8), header,
                    Data([9]),
                ]
        )
        _ = broker.client(otherClient, "echo", [])
        let busy = Self.sends(broker.client(client, "mmi.service", [Data("echo".utf8)]))
        #expect(
            busy.first?.frames == [Data(), MajordomoProtocol.clientHeader, Data("mmi.service".utf8), Data("200".utf8)])
        let missing = Self.sends(broker.client(client, "mmi.service", [Data("nothing".utf8)]))
        #expect(
            missing.first?.frames == [
                Data(), MajordomoProtocol.clientHeader, Data("mmi.service".utf8), Data("404".utf8),
            ])
        let empty = Self.sends(broker.client(client, "mmi.service", []))
        #expect(
            empty.first?.frames == [Data(), MajordomoProtocol.clientHeader, Data("mmi.service".utf8), Data("404".utf8)])
        // Discovery does not make services up.
        #expect(broker.status("nothing") == nil)
    }

    @Test("any other mmi. service answers 501, echoing extra frames")
    func unknownManagementService() {
        var broker = Harness(start: start)
        let reply = Self.sends(broker.client(client, "mmi.workers", [Data("x".utf8), Data("h".utf8)]))
        #expect(
            reply.first?.frames
                == [Data(), MajordomoProtocol.clientHeader, Data("mmi.workers".utf8), Data("501".utf8), Data("h".utf8)]
        )
    }

    // MARK: Bounded queues

    @Test("a request that finds the queue full is answered unavailable at once, with its message id")
    func queueFullRejects() throws {
        var broker = Harness(policy: BrokerPolicy(maximumQueueDepth: 2), start: start)
        _ = broker.client(client, "busy", [Data("1".utf8)])
        _ = broker.client(client, "busy", [Data("2".utf8)])
        let (envelope, body) = try mizRequestBody(route: "busy.work", deadline: broker.now.date.addingTimeInterval(60))
        let actions = broker.client(otherClient, "busy", body)
        let sent = Self.sends(actions)
        #expect(sent.count == 1)
        #expect(sent.first?.peer == otherClient)
        let reply = try Self.errorReply(try #require(sent.first).frames)
        #expect(reply.service == "busy")
        #expect(reply.message.envelope.messageId == envelope.messageId)
        #expect(reply.message.envelope.traceId == envelope.traceId)
        #expect(reply.message.envelope.outcome == .error)
        #expect(reply.message.envelope.caller == nil)
        #expect(reply.error.code == .unavailable)
        #expect(broker.status("busy")?.rejected == 1)
        #expect(broker.status("busy")?.queueDepth == 2)
    }

    @Test("a request that waits the maximum is answered unavailable")
    func maximumWaitExpires() throws {
        var broker = Harness(policy: BrokerPolicy(maximumWait: .seconds(2)), start: start)
        let (envelope, body) = try mizRequestBody(route: "slow.work", deadline: broker.now.date.addingTimeInterval(60))
        _ = broker.client(client, "slow", body)
        #expect(broker.state.nextDeadline == start.monotonic.advanced(by: .seconds(2)))
        #expect(Self.sends(broker.advance(.milliseconds(1_900))).isEmpty)
        let sent = Self.sends(broker.advance(.milliseconds(100)))
        #expect(sent.count == 1)
        let reply = try Self.errorReply(try #require(sent.first).frames)
        #expect(reply.message.envelope.messageId == envelope.messageId)
        #expect(reply.error.code == .unavailable)
        #expect(broker.status("slow")?.expired == 1)
        #expect(broker.status("slow")?.queueDepth == 0)
    }

    @Test("a request whose caller's deadline passes while it waits is answered timeout")
    func callerDeadlineExpires() throws {
        var broker = Harness(policy: BrokerPolicy(maximumWait: .seconds(10)), start: start)
        let deadline = broker.now.date.addingTimeInterval(0.5)
        let (envelope, body) = try mizRequestBody(route: "slow.work", deadline: deadline)
        _ = broker.client(client, "slow", body)
        _ = broker.client(otherClient, "slow", [Data("not an envelope".utf8)])
        #expect(broker.state.nextDeadline == start.monotonic.advanced(by: .milliseconds(500)))
        let sent = Self.sends(broker.advance(.milliseconds(500)))
        #expect(sent.map(\.peer) == [client])
        let reply = try Self.errorReply(try #require(sent.first).frames)
        #expect(reply.message.envelope.messageId == envelope.messageId)
        #expect(reply.error.code == .timeout)
        #expect(broker.status("slow")?.queueDepth == 1)
    }

    @Test("a request without a Miz envelope still gets an error reply with a minimal envelope")
    func errorReplyWithoutEnvelope() throws {
        var broker = Harness(policy: BrokerPolicy(maximumQueueDepth: 0), start: start)
        let sent = Self.sends(broker.client(client, "plain", [Data("hello".utf8)]))
        let reply = try Self.errorReply(try #require(sent.first).frames)
        #expect(reply.service == "plain")
        #expect(reply.message.envelope.route == "plain")
        #expect(!reply.message.envelope.messageId.isEmpty)
        #expect(reply.message.envelope.outcome == .error)
        #expect(reply.error.code == .unavailable)
    }

    @Test("a waiting request whose deadline passed is not handed to a worker that arrives later")
    func expiredRequestIsNotDispatched() throws {
        var broker = Harness(policy: BrokerPolicy(heartbeatInterval: .seconds(60)), start: start)
        let (_, body) = try mizRequestBody(route: "late.work", deadline: broker.now.date.addingTimeInterval(0.1))
        _ = broker.client(client, "late", body)
        broker.now = broker.now.advanced(by: .milliseconds(200))
        let sent = Self.sends(broker.worker(workerA, .ready(service: "late")))
        #expect(sent.map(\.peer) == [client])
        #expect(try Self.errorReply(sent[0].frames).error.code == .timeout)
        #expect(broker.status("late")?.workersReady == 1)
    }

    // MARK: Delivery failures and shutdown

    @Test("a REQUEST that cannot be delivered goes to the next worker; the vanished one is forgotten")
    func undeliverableRequestIsRequeued() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        _ = broker.worker(workerB, .ready(service: "echo"))
        let first = Self.sends(broker.client(client, "echo", [Data("x".utf8)]))
        #expect(first.first?.peer == workerA)
        var actions: [BrokerAction] = []
        broker.state.sendFailed(to: workerA, frames: first[0].frames, at: broker.now, into: &actions)
        let resent = Self.sends(actions)
        #expect(resent.map(\.peer) == [workerB])
        #expect(resent.first?.frames == WorkerMessage.request(client: client, body: [Data("x".utf8)]).frames)
        #expect(broker.status("echo")?.workersBusy == 1)
        #expect(broker.status("echo")?.workersReady == 0)
        #expect(broker.state.snapshot().workerCount == 1)
    }

    @Test("a reply to a vanished client is dropped with a log action")
    func undeliverableReplyIsDropped() {
        var broker = Harness(start: start)
        var actions: [BrokerAction] = []
        broker.state.sendFailed(to: client, frames: [Data()], at: broker.now, into: &actions)
        #expect(Self.sends(actions).isEmpty)
        #expect(Self.drops(actions).count == 1)
    }

    @Test("shutdown disconnects every worker and answers what is held")
    func shutdownAnswersEverything() throws {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        _ = broker.worker(workerB, .ready(service: "other"))
        _ = broker.client(client, "echo", [Data("served".utf8)])
        _ = broker.client(otherClient, "queued", [Data("waiting".utf8)])
        var actions: [BrokerAction] = []
        broker.state.shutdown(at: broker.now, into: &actions)
        let sent = Self.sends(actions)
        #expect(Set(sent.filter { $0.frames == Self.disconnect }.map(\.peer)) == [workerA, workerB])
        let answered = sent.filter { $0.peer == client || $0.peer == otherClient }
        #expect(Set(answered.map(\.peer)) == [client, otherClient])
        for reply in answered { #expect(try Self.errorReply(reply.frames).error.code == .unavailable) }
        #expect(broker.state.snapshot().workerCount == 0)
        #expect(broker.status("queued")?.queueDepth == 0)
    }

    @Test("changed services are reported once, for metrics")
    func changedServicesAreTaken() {
        var broker = Harness(start: start)
        _ = broker.worker(workerA, .ready(service: "echo"))
        _ = broker.client(client, "other", [])
        #expect(broker.state.takeChangedServices() == ["echo", "other"])
        #expect(broker.state.takeChangedServices().isEmpty)
    }
}
