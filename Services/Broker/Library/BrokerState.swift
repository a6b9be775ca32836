import Foundation
import Majordomo
import MizSchema

/// The broker's routing logic as a pure state machine: 7/MDP between clients and workers,
/// 8/MMI service discovery, least-recently-used dispatch, heartbeats and bounded queues.
///
/// It does no I/O and reads no clock: the I/O loop feeds it what the ROUTER socket received
/// and the current `BrokerTime`, and performs the `BrokerAction`s it returns. That keeps
/// every rule testable without sockets or waiting.
package struct BrokerState {
    /// The rules this broker applies.
    package let policy: BrokerPolicy
    private var workers: [Data: WorkerRecord] = [:]
    private var services: [String: ServiceRecord] = [:]
    private var nextHeartbeat: ContinuousClock.Instant
    private var nextQueueCheck: ContinuousClock.Instant?
    private var changedServices: Set<String> = []
    private let decoder = JSONDecoder()

    /// The finest step between two scans of the waiting requests, so that many requests
    /// expiring at nearby moments cost one scan, not one each.
    static let queueCheckGranularity: Duration = .milliseconds(20)

    private static let disconnectFrames = WorkerMessage.disconnect.frames
    private static let heartbeatFrames = WorkerMessage.heartbeat.frames
    private static let requestCommand = Data([WorkerCommand.request.rawValue])

    /// Makes an empty broker whose first heartbeat is one interval after `time`.
    package init(policy: BrokerPolicy = BrokerPolicy(), startingAt time: BrokerTime) {
        self.policy = policy
        self.nextHeartbeat = time.monotonic.advanced(by: policy.heartbeatInterval)
    }

    /// The nearest moment at which `tick` has work: the next heartbeat or queue expiry. The
    /// I/O loop polls at most until then.
    package var nextDeadline: ContinuousClock.Instant {
        guard let nextQueueCheck else { return nextHeartbeat }
        return min(nextHeartbeat, nextQueueCheck)
    }

    // MARK: Events

    /// Handles one message as the ROUTER socket delivered it (identity first). A message that
    /// is not 7/MDP is dropped with a log action; a known worker that sends one is forgotten,
    /// as the spec asks ("treating that peer as invalid").
    package mutating func receive(routerFrames frames: [Data], at time: BrokerTime, into actions: inout [BrokerAction])
    {
        let inbound: BrokerInbound
        do {
            inbound = try BrokerInbound(routerFrames: frames)
        } catch {
            let peer = frames.first ?? Data()
            if workers[peer] != nil {
                forget(
                    peer, reason: "sent an invalid message: \(error.reason)", violation: true, at: time, into: &actions)
                actions.append(.send(peer: peer, frames: Self.disconnectFrames))
            } else {
                actions.append(.drop(peer: peer, reason: error.reason))
            }
            return
        }
        receive(inbound, at: time, into: &actions)
    }

    /// Handles one parsed message from a client or a worker.
    package mutating func receive(_ inbound: BrokerInbound, at time: BrokerTime, into actions: inout [BrokerAction]) {
        switch inbound.sender {
        case .client(let message):
            clientRequest(from: inbound.peer, message, at: time, into: &actions)
        case .worker(let message):
            workerCommand(from: inbound.peer, message, at: time, into: &actions)
        }
    }

    /// Lets time pass: sends heartbeats and forgets silent workers when an interval is due,
    /// and answers waiting requests whose maximum wait or caller's deadline has passed.
    package mutating func tick(at time: BrokerTime, into actions: inout [BrokerAction]) {
        if time.monotonic >= nextHeartbeat {
            nextHeartbeat = time.monotonic.advanced(by: policy.heartbeatInterval)
            let silent = workers.filter { time.monotonic >= $0.value.expiry }.map(\.key)
            for peer in silent {
                // The spec asks to stop sending to a worker taken for dead: no DISCONNECT.
                forget(peer, reason: "silent for \(policy.workerExpiry)", violation: false, at: time, into: &actions)
            }
            for peer in workers.keys {
                actions.append(.send(peer: peer, frames: Self.heartbeatFrames))
            }
        }
        if let nextQueueCheck, time.monotonic >= nextQueueCheck {
            expireWaitingRequests(at: time, into: &actions)
        }
    }

    /// Handles a message the I/O loop could not deliver: the peer is gone (EHOSTUNREACH) or
    /// its queue is full. A worker is forgotten; a REQUEST it never got goes back to the
    /// front of its service's queue, since no work was done for it.
    package mutating func sendFailed(
        to peer: Data,
        frames: [Data],
        at time: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        guard let worker = workers[peer] else {
            actions.append(.drop(peer: peer, reason: "reply undeliverable: the client is gone or not reading"))
            return
        }
        let undeliveredRequest =
            frames.count > 2 && frames[2] == Self.requestCommand ? worker.request : nil
        if undeliveredRequest != nil { workers[peer]?.request = nil }
        forget(peer, reason: "unreachable", violation: false, at: time, into: &actions)
        if let undeliveredRequest {
            enqueue(undeliveredRequest, service: worker.service, atFront: true, at: time)
            dispatchWaiting(service: worker.service, at: time, into: &actions)
        }
    }

    /// Ends the broker's work: sends DISCONNECT to every worker so it reconnects elsewhere
    /// or later, and answers every request still held with `unavailable`.
    package mutating func shutdown(at time: BrokerTime, into actions: inout [BrokerAction]) {
        for (peer, worker) in workers {
            actions.append(.send(peer: peer, frames: Self.disconnectFrames))
            if let request = worker.request {
                answer(request, service: worker.service, with: .unavailable, at: time, into: &actions)
            }
        }
        workers.removeAll()
        for name in services.keys {
            services[name]?.idleWorkers = RingBuffer()
            services[name]?.workerCount = 0
            let waiting = services[name]?.waiting.removeAll { _ in true } ?? []
            for request in waiting {
                answer(request, service: name, with: .unavailable, at: time, into: &actions)
            }
            changedServices.insert(name)
        }
        nextQueueCheck = nil
    }

    // MARK: Status

    /// Every service's figures now, sorted by name.
    package func snapshot() -> BrokerSnapshot {
        BrokerSnapshot(services: services.map { $0.value.status(name: $0.key) }.sorted { $0.service < $1.service })
    }

    /// One service's figures now, if the broker has seen it.
    package func status(ofService name: String) -> ServiceStatus? {
        services[name]?.status(name: name)
    }

    /// The services whose figures changed since the last call, so that the I/O loop updates
    /// metrics only for those.
    package mutating func takeChangedServices() -> Set<String> {
        defer { changedServices.removeAll(keepingCapacity: true) }
        return changedServices
    }

    // MARK: Clients

    private mutating func clientRequest(
        from client: Data,
        _ message: ClientMessage,
        at time: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        let name = message.service
        if name.hasPrefix(MajordomoProtocol.internalServicePrefix) {
            actions.append(.send(peer: client, frames: managementReply(to: message)))
            return
        }
        changedServices.insert(name)
        let request = PendingRequest(client: client, body: message.body, arrival: time.monotonic)
        let maximumQueueDepth = policy.maximumQueueDepth
        let outcome = withService(name) { service -> Data?? in
            service.requests += 1
            if let worker = service.idleWorkers.popFirst() { return worker }
            if service.waiting.count >= maximumQueueDepth {
                service.rejected += 1
                return .some(nil)
            }
            return nil
        }
        switch outcome {
        case .some(.some(let worker)):
            assign(request, to: worker, into: &actions)
        case .some(.none):
            answer(request, service: name, with: .unavailable, at: time, into: &actions)
        case .none:
            enqueue(request, service: name, atFront: false, at: time)
        }
    }

    /// Answers an 8/MMI query: `mmi.service` with "200" when the named service has a worker
    /// and "404" when not, any other `mmi.*` with "501"; body frames after the first are
    /// echoed so that a caller can match the reply.
    private func managementReply(to message: ClientMessage) -> [Data] {
        let code: String
        if message.service == MajordomoProtocol.serviceDiscovery {
            let name = message.body.first.flatMap { String(data: $0, encoding: .utf8) }
            let hasWorker = name.flatMap { services[$0]?.workerCount }.map { $0 > 0 } ?? false
            code = hasWorker ? "200" : "404"
        } else {
            code = "501"
        }
        return ClientMessage(service: message.service, body: [Data(code.utf8)] + message.body.dropFirst()).frames
    }

    // MARK: Workers

    private mutating func workerCommand(
        from peer: Data,
        _ message: WorkerMessage,
        at time: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        guard let worker = workers[peer] else {
            switch message {
            case .ready(let service):
                register(peer, service: service, at: time, into: &actions)
            case .disconnect:
                // The spec forbids sending anything to a worker after its DISCONNECT.
                break
            case .request, .reply, .heartbeat:
                actions.append(.send(peer: peer, frames: Self.disconnectFrames))
                actions.append(.drop(peer: peer, reason: "\(message.command) from a worker that has not sent READY"))
            }
            return
        }
        switch message {
        case .ready:
            forget(peer, reason: "sent READY again", violation: true, at: time, into: &actions)
            actions.append(.send(peer: peer, frames: Self.disconnectFrames))
        case .request:
            forget(peer, reason: "sent REQUEST, which only the broker sends", violation: true, at: time, into: &actions)
            actions.append(.send(peer: peer, frames: Self.disconnectFrames))
        case .reply(let client, let body):
            guard worker.request != nil else {
                forget(peer, reason: "sent REPLY while it had no request", violation: true, at: time, into: &actions)
                actions.append(.send(peer: peer, frames: Self.disconnectFrames))
                return
            }
            actions.append(.send(peer: client, frames: ClientMessage(service: worker.service, body: body).frames))
            let expiry = time.monotonic.advanced(by: policy.workerExpiry)
            workers[peer]?.request = nil
            workers[peer]?.expiry = expiry
            changedServices.insert(worker.service)
            withService(worker.service) { service in
                service.replies += 1
                service.idleWorkers.append(peer)
            }
            dispatchWaiting(service: worker.service, at: time, into: &actions)
        case .heartbeat:
            let expiry = time.monotonic.advanced(by: policy.workerExpiry)
            workers[peer]?.expiry = expiry
        case .disconnect:
            forget(peer, reason: "said DISCONNECT", violation: false, at: time, into: &actions)
        }
    }

    private mutating func register(
        _ peer: Data, service name: String, at time: BrokerTime, into actions: inout [BrokerAction]
    ) {
        guard !name.hasPrefix(MajordomoProtocol.internalServicePrefix) else {
            actions.append(.send(peer: peer, frames: Self.disconnectFrames))
            actions.append(.drop(peer: peer, reason: "READY for \(name): the mmi. names belong to the broker"))
            return
        }
        workers[peer] = WorkerRecord(service: name, expiry: time.monotonic.advanced(by: policy.workerExpiry))
        changedServices.insert(name)
        withService(name) { service in
            service.workerCount += 1
            service.idleWorkers.append(peer)
        }
        actions.append(.notice(peer: peer, message: "worker ready for \(name)"))
        dispatchWaiting(service: name, at: time, into: &actions)
    }

    /// Removes a worker from every table; a request it was serving is answered
    /// `unavailable`, since its reply will not come.
    private mutating func forget(
        _ peer: Data,
        reason: String,
        violation: Bool,
        at time: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        guard let worker = workers.removeValue(forKey: peer) else { return }
        changedServices.insert(worker.service)
        withService(worker.service) { service in
            service.workerCount -= 1
            if worker.request == nil { service.idleWorkers.removeAll { $0 == peer } }
            if worker.request != nil { service.lost += 1 }
        }
        let message = "worker of \(worker.service) forgotten: \(reason)"
        actions.append(violation ? .drop(peer: peer, reason: message) : .notice(peer: peer, message: message))
        if let request = worker.request {
            answer(request, service: worker.service, with: .unavailable, at: time, into: &actions)
        }
    }

    // MARK: Queues

    private mutating func assign(_ request: PendingRequest, to worker: Data, into actions: inout [BrokerAction]) {
        workers[worker]?.request = request
        actions.append(
            .send(peer: worker, frames: WorkerMessage.request(client: request.client, body: request.body).frames))
    }

    private mutating func enqueue(_ request: PendingRequest, service name: String, atFront: Bool, at time: BrokerTime) {
        var request = request
        if !request.hasReadCallerDeadline {
            request.callerDeadlineMilliseconds = callerDeadline(of: request.body)
            request.hasReadCallerDeadline = true
        }
        let due = Self.dueMoment(of: request, at: time, policy: policy)
        nextQueueCheck = min(nextQueueCheck ?? due, due)
        changedServices.insert(name)
        withService(name) { service in
            if atFront { service.waiting.prepend(request) } else { service.waiting.append(request) }
        }
    }

    /// Hands waiting requests to idle workers, oldest request to longest-idle worker, and
    /// answers those that expired on the way.
    private mutating func dispatchWaiting(service name: String, at time: BrokerTime, into actions: inout [BrokerAction])
    {
        while let service = services[name], !service.idleWorkers.isEmpty, !service.waiting.isEmpty {
            guard let request = withService(name, { $0.waiting.popFirst() }) else { return }
            if let code = Self.expiry(of: request, at: time, policy: policy) {
                withService(name) { $0.expired += 1 }
                answer(request, service: name, with: code, at: time, into: &actions)
                continue
            }
            guard let worker = withService(name, { $0.idleWorkers.popFirst() }) else { return }
            assign(request, to: worker, into: &actions)
        }
    }

    private mutating func expireWaitingRequests(at time: BrokerTime, into actions: inout [BrokerAction]) {
        let policy = self.policy
        var earliest: ContinuousClock.Instant?
        for name in services.keys where services[name]?.waiting.isEmpty == false {
            var expired: [(PendingRequest, ErrorCode)] = []
            withService(name) { service in
                service.waiting.removeAll { request in
                    guard let code = Self.expiry(of: request, at: time, policy: policy) else { return false }
                    expired.append((request, code))
                    return true
                }
                service.expired += expired.count
                service.waiting.forEach { request in
                    let due = Self.dueMoment(of: request, at: time, policy: policy)
                    earliest = min(earliest ?? due, due)
                }
            }
            if !expired.isEmpty { changedServices.insert(name) }
            for (request, code) in expired {
                answer(request, service: name, with: code, at: time, into: &actions)
            }
        }
        nextQueueCheck = earliest.map { max($0, time.monotonic.advanced(by: Self.queueCheckGranularity)) }
    }

    /// Why a waiting request must be answered now, if it must: `timeout` when its caller's
    /// deadline passed, `unavailable` when it waited the maximum.
    private static func expiry(of request: PendingRequest, at time: BrokerTime, policy: BrokerPolicy) -> ErrorCode? {
        if let deadline = request.callerDeadlineMilliseconds, time.wallClockMilliseconds >= deadline { return .timeout }
        if time.monotonic >= request.arrival.advanced(by: policy.maximumWait) { return .unavailable }
        return nil
    }

    /// When a waiting request expires, on the monotonic clock as it reads now.
    private static func dueMoment(of request: PendingRequest, at time: BrokerTime, policy: BrokerPolicy)
        -> ContinuousClock.Instant
    {
        let waitEnds = request.arrival.advanced(by: policy.maximumWait)
        guard let deadline = request.callerDeadlineMilliseconds else { return waitEnds }
        let remaining = max(0, deadline - time.wallClockMilliseconds)
        guard remaining < policy.maximumWait.wholeMilliseconds else { return waitEnds }
        return min(waitEnds, time.monotonic.advanced(by: .milliseconds(remaining)))
    }

    /// The caller's deadline when the first body frame is a Miz envelope.
    private func callerDeadline(of body: [Data]) -> Int64? {
        guard let header = body.first, header.first == UInt8(ascii: "{") else { return nil }
        return (try? decoder.decode(DeadlineProbe.self, from: header))?.deadlineMilliseconds
    }

    private mutating func answer(
        _ request: PendingRequest,
        service: String,
        with code: ErrorCode,
        at time: BrokerTime,
        into actions: inout [BrokerAction]
    ) {
        let body = BrokerErrorReply.body(
            forRequestBody: request.body, service: service, error: BusError(code), now: time.date)
        actions.append(.send(peer: request.client, frames: ClientMessage(service: service, body: body).frames))
    }

    private mutating func withService<Result>(_ name: String, _ body: (inout ServiceRecord) -> Result) -> Result {
        body(&services[name, default: ServiceRecord()])
    }
}

/// The two fields of a Miz envelope the broker needs to expire a waiting request.
private struct DeadlineProbe: Decodable {
    let messageId: String
    let deadlineMilliseconds: Int64
}
