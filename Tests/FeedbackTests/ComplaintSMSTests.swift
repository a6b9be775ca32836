import Broker
import Feedback
import Foundation
import Logging
import MizBus
import MizRuntime
import MizSchema
import MizStorageTesting
import Notifier
import Testing

/// A real notifier (file SMS provider) and, when given, the feedback routes, each as a bus
/// worker behind an in-process broker; the feedback relay sends to the notifier over the bus,
/// as the `feedback` process does.
struct NotifierDesk {
    let client: BusClient
    let notifierStore: SQLiteNotifierStore
    let notifierRelay: DeliveryRelay
    let provider: FileSMSProvider

    static func run(folder: URL, feedback: FeedbackRoutes? = nil, _ body: (NotifierDesk) async throws -> Void)
        async throws
    {
        let notifierStore = try SQLiteNotifierStore(
            path: folder.appendingPathComponent(SQLiteNotifierStore.fileName).path)
        let provider = FileSMSProvider(path: folder.appendingPathComponent(FileSMSProvider.fileName).path)
        let signal = WakeSignal()
        let routes = NotifierRoutes(store: notifierStore, signal: signal, hourlyLimit: 10, isDevelopment: false)
        let relay = DeliveryRelay(store: notifierStore, provider: provider, policy: RelayPolicy(), signal: signal)
        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .seconds(2))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        var workers: [BusWorker] = []
        let notifierWorker = try BusWorker(
            .init(service: NotifierService.serviceName, brokers: [endpoint], concurrency: 2))
        routes.register(on: notifierWorker)
        workers.append(notifierWorker)
        if let feedback {
            let feedbackWorker = try BusWorker(
                .init(service: FeedbackService.serviceName, brokers: [endpoint], concurrency: 2))
            feedback.register(on: feedbackWorker)
            workers.append(feedbackWorker)
        }
        let running = workers.map { worker in Task { await worker.run() } }
        let client = try BusClient(.init(brokers: [endpoint]))
        for service in workers.map(\.configuration.service) {
            for _ in 0..<200 {
                if (try? await client.isServiceAvailable(service)) == true { break }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let desk = NotifierDesk(client: client, notifierStore: notifierStore, notifierRelay: relay, provider: provider)
        var failure: (any Error)?
        do { try await body(desk) } catch { failure = error }
        for worker in workers { worker.shutdown() }
        for task in running { await task.value }
        await client.shutdown()
        broker.shutdown()
        _ = try? await brokerTask.value
        if let failure { throw failure }
    }
}

@Suite("feedback complaint answered: the citizen's SMS goes through the outbox to the real notifier, once")
struct ComplaintSMSTests {
    @Test(
        "complaint flow to answered sends exactly one complaintAnswered SMS, even when the relay repeats",
        arguments: StoreKind.allCases)
    func answerSendsOneSMS(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            fixture.decidedRequest(mobile: "09351234567")
            try await NotifierDesk.run(folder: fixture.folder, feedback: fixture.routes) { desk in
                let relay = NotificationRelay(
                    store: fixture.store, sender: BusNotificationSender(client: desk.client), signal: fixture.signal,
                    now: { fixture.clock.now })
                // The citizen and the official act through the bus, the attachment as a raw frame.
                let complaint = try await desk.client.call(
                    Routes.Feedback.complaintSubmit,
                    ComplaintSubmitRequest(
                        processNumber: "۱۴۰۵-۲۳-۰۰۰۱۲۳", trackingCode: "K7P2-9QXM",
                        text: "پاسخ درخواست من بدون دلیل رد شد"),
                    caller: Callers.anonymous, idempotencyKey: "complaint-1", attachments: [ComplaintTests.png])
                #expect(complaint.attachment?.fileType == .png)
                let (_, frames) = try await desk.client.callWithAttachments(
                    Routes.Feedback.complaintAttachment, ComplaintQuery(trackingNumber: complaint.trackingNumber),
                    caller: Callers.tehranOfficial)
                #expect(frames == [ComplaintTests.png])
                #expect(await relay.deliverDue() == 0)
                let query = ComplaintQuery(trackingNumber: complaint.trackingNumber)
                let hidden = await busError {
                    try await desk.client.call(Routes.Feedback.complaintReview, query, caller: Callers.farsOfficial)
                }
                #expect(hidden?.code == .notFound)
                _ = try await desk.client.call(Routes.Feedback.complaintReview, query, caller: Callers.tehranOfficial)
                #expect(await relay.deliverDue() == 0)
                let answer = ComplaintAnswerRequest(
                    trackingNumber: complaint.trackingNumber, answer: "درخواست شما دوباره بررسی و تأیید شد")
                _ = try await desk.client.call(Routes.Feedback.complaintAnswer, answer, caller: Callers.tehranOfficial)
                _ = try await desk.client.call(Routes.Feedback.complaintAnswer, answer, caller: Callers.tehranOfficial)
                #expect(await relay.deliverDue() == 1)
                #expect(await relay.deliverDue() == 0)
                await desk.notifierRelay.deliverDue()
                let lines = try desk.provider.lines()
                #expect(lines.count == 1)
                let line = try #require(lines.first)
                #expect(line.to == "09351234567")
                #expect(
                    line.eventId
                        == "feedback:complaint:\(TrackingNumber.reference(of: complaint.trackingNumber)):answered")
                #expect(
                    !line.eventId.contains(complaint.trackingNumber) && !line.text.contains(complaint.trackingNumber))
                #expect(line.text.contains("۱۴۰۵-۲۳-۰۰۰۱۲۳"))
                #expect(line.text.contains("شکایت"))

                // A relay that repeats the delivery (its record of success was lost) sends nothing new.
                _ = try await BusNotificationSender(client: desk.client).send(
                    NotifierSendRequest(
                        eventId: line.eventId, recipient: "09351234567", template: .complaintAnswered,
                        parameters: ["processNumber": "1405-23-000123"]))
                await desk.notifierRelay.deliverDue()
                #expect(try desk.provider.lines().count == 1)
                let seen = try await fixture.routes.complaint(query, caller: Callers.anonymous)
                #expect(seen.status == .answered && seen.answer == "درخواست شما دوباره بررسی و تأیید شد")
            }
        }
    }

    @Test(
        "the relay running as the process runs it is woken by the answer and delivers without being called",
        arguments: StoreKind.allCases)
    func relayWokenByAnswer(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            fixture.decidedRequest()
            try await NotifierDesk.run(folder: fixture.folder) { desk in
                // A long safety-net sleep: only the signal of the answer can wake the relay in time.
                let relay = NotificationRelay(
                    store: fixture.store, sender: BusNotificationSender(client: desk.client), signal: fixture.signal,
                    idleCheck: .seconds(3600), now: { fixture.clock.now })
                let loop = Task { await relay.deliverUntilCancelled() }
                let complaint = try await fixture.routes.submitComplaint(
                    ComplaintSubmitRequest(
                        processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", text: "مدارک من دو بار خواسته شد"),
                    attachments: [], caller: Callers.anonymous, idempotencyKey: nil)
                _ = try await fixture.routes.answerComplaint(
                    ComplaintAnswerRequest(
                        trackingNumber: complaint.trackingNumber, answer: "مدارک یک بار کافی بود؛ پوزش می‌خواهیم"),
                    caller: Callers.tehranOfficial)
                let eventId = "feedback:complaint:\(TrackingNumber.reference(of: complaint.trackingNumber)):answered"
                var receipt: NotifierReceipt?
                for _ in 0..<200 where receipt == nil {
                    receipt = try? await desk.client.call(
                        Routes.Notifier.status, NotifierStatusRequest(eventId: eventId))
                    if receipt == nil { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(receipt?.template == .complaintAnswered)
                // The notifier has the SMS; the relay records its acknowledgement a moment later.
                var acknowledged = false
                for _ in 0..<200 where !acknowledged {
                    acknowledged = try await fixture.store.nextOutboxWake() == nil
                    if !acknowledged { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(acknowledged)
                loop.cancel()
                await loop.value
            }
        }
    }

    @Test(
        "while the notifier is away the answer waits in the outbox and is delivered when it is back",
        arguments: StoreKind.allCases)
    func notifierAwayThenBack(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            fixture.decidedRequest()
            let complaint = try await fixture.routes.submitComplaint(
                ComplaintSubmitRequest(
                    processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", text: "رسیدگی بیش از دو ماه طول کشید"),
                attachments: [], caller: Callers.anonymous, idempotencyKey: nil)
            _ = try await fixture.routes.answerComplaint(
                ComplaintAnswerRequest(
                    trackingNumber: complaint.trackingNumber, answer: "از تأخیر پیش‌آمده پوزش می‌خواهیم"),
                caller: Callers.tehranOfficial)
            let away = NotificationRelay(
                store: fixture.store, sender: UnavailableSender(), signal: fixture.signal, now: { fixture.clock.now })
            #expect(await away.deliverDue() == 1)
            #expect(await away.deliverDue() == 0)
            let retryAt = try #require(try await fixture.store.nextOutboxWake())
            #expect(retryAt > fixture.clock.now)
            fixture.clock.advance(days: 1)
            try await NotifierDesk.run(folder: fixture.folder) { desk in
                let relay = NotificationRelay(
                    store: fixture.store, sender: BusNotificationSender(client: desk.client), signal: fixture.signal,
                    now: { fixture.clock.now })
                #expect(await relay.deliverDue() == 1)
                await desk.notifierRelay.deliverDue()
                let lines = try desk.provider.lines()
                #expect(lines.count == 1)
            }
            #expect(try await fixture.store.nextOutboxWake() == nil)
        }
    }
}

/// A notifier that cannot be reached, as the bus reports it.
struct UnavailableSender: NotificationSender {
    func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt {
        throw BusError(.unavailable)
    }
}
