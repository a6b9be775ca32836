import Broker
import Crypto
import Foundation
import MizBus
import MizSchema
import Synchronization
import Testing

@Suite("Bus client and worker through a real broker", .serialized)
struct BusClientWorkerTests {
    @Test("many calls in flight over one client are each matched to their own reply")
    func manyCallsInFlight() async throws {
        let bus = try BusHarness()
        let worker = try bus.worker(concurrency: 8)
        worker.register(TestRoutes.echo) { request, context in
            Echo(text: request.text + "|" + (context.caller.nationalCode ?? "-"), number: request.number * 2)
        }
        let running = start(worker)
        let client = try bus.client(attemptTimeout: .seconds(60), defaultTimeout: .seconds(60))
        let caller = Caller(kind: .citizen, nationalCode: "0012345679")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<500 {
                group.addTask {
                    let reply = try await client.call(
                        TestRoutes.echo, Echo(text: "n\(index)", number: index), caller: caller)
                    #expect(reply == Echo(text: "n\(index)|0012345679", number: index * 2))
                }
            }
            try await group.waitForAll()
        }
        worker.shutdown()
        await running.value
        await client.shutdown()
        await bus.stop()
    }

    @Test("a 20 MB attachment crosses client → broker → worker → back intact")
    func largeAttachment() async throws {
        let bus = try BusHarness()
        let worker = try bus.worker()
        worker.registerWithAttachments(TestRoutes.blob) { request, context in
            let digest = SHA256.hash(data: context.attachments.first ?? Data())
            let hex = digest.map { String(format: "%02x", $0) }.joined()
            return AttachedReply(
                Echo(text: hex, number: context.attachments.first?.count ?? 0),
                attachments: context.attachments.reversed())
        }
        let running = start(worker)
        let client = try bus.client(attemptTimeout: .seconds(20))
        var generator = SystemRandomNumberGenerator()
        var big = Data(count: 20 * 1024 * 1024)
        big.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        let small = Data("کوچک".utf8)
        let sentDigest = SHA256.hash(data: big).map { String(format: "%02x", $0) }.joined()
        let (reply, attachments) = try await client.callWithAttachments(
            TestRoutes.blob, Echo(text: "", number: 0), timeout: .seconds(60), attachments: [big, small])
        #expect(reply.text == sentDigest)
        #expect(reply.number == big.count)
        #expect(attachments.count == 2)
        #expect(attachments[0] == small)
        #expect(SHA256.hash(data: attachments[1]).map { String(format: "%02x", $0) }.joined() == sentDigest)
        worker.shutdown()
        await running.value
        await client.shutdown()
        await bus.stop()
    }

    @Test("typed errors come back as thrown BusErrors: the route's own, unknown route, bad payload")
    func typedErrors() async throws {
        let bus = try BusHarness()
        let worker = try bus.worker()
        worker.register(TestRoutes.fail) { request, _ in
            if request.number == 1 {
                throw BusError(.conflict, message: "این درخواست قبلاً بررسی شده است.")
            }
            struct Unexpected: Error {}
            throw Unexpected()
        }
        let running = start(worker)
        let client = try bus.client()
        let conflict = await #expect(throws: BusError.self) {
            try await client.call(TestRoutes.fail, Echo(text: "", number: 1))
        }
        #expect(conflict?.code == .conflict)
        #expect(conflict?.message == "این درخواست قبلاً بررسی شده است.")
        let internalError = await #expect(throws: BusError.self) {
            try await client.call(TestRoutes.fail, Echo(text: "", number: 2))
        }
        #expect(internalError?.code == .internal)
        let missing = await #expect(throws: BusError.self) {
            try await client.call(TestRoutes.missing, Echo(text: "", number: 0))
        }
        #expect(missing?.code == .notFound)
        let badPayload = await #expect(throws: BusError.self) {
            try await client.call(Route<PingRequest, Echo>("echo.fail", isIdempotent: true), PingRequest())
        }
        #expect(badPayload?.code == .invalidInput)
        worker.shutdown()
        await running.value
        await client.shutdown()
        await bus.stop()
    }

    @Test("no worker for a service: the caller gets unavailable before its deadline")
    func noWorkerUnavailable() async throws {
        let bus = try BusHarness(maximumWait: .milliseconds(500))
        let client = try bus.client()
        let error = await #expect(throws: BusError.self) {
            try await client.call(TestRoutes.echo, Echo(text: "", number: 0), timeout: .seconds(5))
        }
        #expect(error?.code == .unavailable)
        #expect(try await client.isServiceAvailable("echo") == false)
        await client.shutdown()
        await bus.stop()
    }

    @Test("a call whose deadline passes gets timeout, and work past its deadline is refused")
    func deadlines() async throws {
        let bus = try BusHarness()
        let worker = try bus.worker(concurrency: 1)
        let invocations = Mutex(0)
        worker.register(TestRoutes.echoOnce) { request, _ in
            invocations.withLock { $0 += 1 }
            try await Task.sleep(for: .milliseconds(request.number))
            return request
        }
        let running = start(worker)
        let client = try bus.client()
        #expect(try await eventually { try await client.isServiceAvailable("echo") })
        let slow = await #expect(throws: BusError.self) {
            try await client.call(TestRoutes.echoOnce, Echo(text: "", number: 1_500), timeout: .milliseconds(300))
        }
        #expect(slow?.code == .timeout)
        // A message whose deadline has already passed is refused without running the handler.
        let before = invocations.withLock { $0 }
        var envelope = Envelope(route: TestRoutes.echoOnce.name, deadline: Date().addingTimeInterval(-1))
        envelope.caller = .anonymous
        let stale = BusMessage(envelope: envelope, payload: try WireCoding.encoder.encode(Echo(text: "", number: 0)))
        let reply = try await client.send(stale, retryable: false, timeout: .seconds(5))
        #expect(reply.envelope.outcome == .error)
        #expect(try WireCoding.decoder.decode(BusError.self, from: reply.payload).code == .timeout)
        #expect(invocations.withLock { $0 } == before)
        worker.shutdown()
        await running.value
        await client.shutdown()
        await bus.stop()
    }

    @Test("an idempotent call is retried past a hung instance; a non-idempotent one is not")
    func retriesOnlyIdempotent() async throws {
        let bus = try BusHarness()
        let hung = try bus.worker(concurrency: 1)
        let hangs = Mutex(0)
        let answers = Mutex(0)
        let handler: @Sendable (Echo, CallContext) async throws -> Echo = { request, _ in
            try await Task.sleep(for: .seconds(30))
            return request
        }
        hung.register(TestRoutes.echo) { request, context in
            hangs.withLock { $0 += 1 }
            return try await handler(request, context)
        }
        hung.register(TestRoutes.echoOnce) { request, context in
            hangs.withLock { $0 += 1 }
            return try await handler(request, context)
        }
        let hungRunning = start(hung)
        let client = try bus.client(attemptTimeout: .milliseconds(300))
        #expect(try await eventually { try await client.isServiceAvailable("echo") })
        // The only instance hangs; a second joins after the first attempt went out.
        async let retried = client.call(TestRoutes.echo, Echo(text: "again", number: 7), timeout: .seconds(8))
        try await Task.sleep(for: .milliseconds(100))
        let healthy = try bus.worker(concurrency: 2)
        healthy.register(TestRoutes.echo) { request, _ in
            answers.withLock { $0 += 1 }
            return request
        }
        healthy.register(TestRoutes.echoOnce) { request, _ in
            answers.withLock { $0 += 1 }
            return request
        }
        let healthyRunning = start(healthy)
        #expect(try await retried == Echo(text: "again", number: 7))
        #expect(hangs.withLock { $0 } == 1)
        #expect(answers.withLock { $0 } == 1)

        // Stop the healthy one; the hung one now holds a non-idempotent call that must not be repeated.
        healthy.shutdown()
        await healthyRunning.value
        let hungBusy = try bus.worker(concurrency: 1)
        hungBusy.register(TestRoutes.echoOnce) { request, context in
            hangs.withLock { $0 += 1 }
            return try await handler(request, context)
        }
        let hungBusyRunning = start(hungBusy)
        try await Task.sleep(for: .milliseconds(300))
        let answersBefore = answers.withLock { $0 }
        let hangsBefore = hangs.withLock { $0 }
        let once = await #expect(throws: BusError.self) {
            try await client.call(TestRoutes.echoOnce, Echo(text: "once", number: 1), timeout: .seconds(2))
        }
        #expect(once?.code == .timeout)
        #expect(hangs.withLock { $0 } == hangsBefore + 1)
        #expect(answers.withLock { $0 } == answersBefore)
        hung.shutdown()
        hungBusy.shutdown()
        await client.shutdown()
        await bus.stop()
        _ = await (hungRunning.value, hungBusyRunning.value)
    }

    @Test("the broker restarts: workers re-register and calls resume without restarting them")
    func brokerRestart() async throws {
        let first = try BusHarness()
        let endpoint = first.endpoint
        let worker = try first.worker()
        worker.register(TestRoutes.echo) { request, _ in request }
        let running = start(worker)
        let client = try first.client(attemptTimeout: .milliseconds(500))
        #expect(
            try await client.call(TestRoutes.echo, Echo(text: "before", number: 1)) == Echo(text: "before", number: 1))
        await first.stop()
        let second = try BusHarness(endpoint: endpoint)
        #expect(try await eventually { try await client.isServiceAvailable("echo", timeout: .milliseconds(500)) })
        #expect(
            try await client.call(TestRoutes.echo, Echo(text: "after", number: 2)) == Echo(text: "after", number: 2))
        #expect(worker.isConnected)
        worker.shutdown()
        await running.value
        await client.shutdown()
        await second.stop()
    }

    @Test("shutdown finishes the call in hand, then the worker leaves the broker")
    func gracefulShutdown() async throws {
        let bus = try BusHarness()
        let worker = try bus.worker(concurrency: 2)
        let started = Mutex(false)
        worker.register(TestRoutes.echoOnce) { request, _ in
            started.withLock { $0 = true }
            try await Task.sleep(for: .milliseconds(600))
            return request
        }
        let running = start(worker)
        let client = try bus.client()
        #expect(try await eventually { try await client.isServiceAvailable("echo") })
        async let answer = client.call(TestRoutes.echoOnce, Echo(text: "finish me", number: 3))
        #expect(try await eventually { started.withLock { $0 } })
        worker.shutdown()
        #expect(try await answer == Echo(text: "finish me", number: 3))
        await running.value
        #expect(try await eventually { try await client.isServiceAvailable("echo") == false })
        await client.shutdown()
        await bus.stop()
    }
}
