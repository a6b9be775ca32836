import Foundation
import Logging
import MizSchema
import Synchronization
import ZeroMQ

/// Serves a service's routes to the bus as K MDP worker connections per broker.
///
/// Each connection is one READY slot at the broker, so the broker's least-recently-used
/// choice balances calls across processes and slots, and K calls run at once in this
/// process. The worker answers heartbeats, reconnects with backoff when a broker goes silent
/// or restarts, refuses work whose deadline has passed, and on shutdown finishes what it
/// holds before it says DISCONNECT.
package final class BusWorker: Sendable {
    /// How a worker joins the bus.
    package struct Configuration: Sendable {
        /// The MDP service name, such as `catalog`.
        package var service: String
        /// Broker endpoints; the worker registers with every one.
        package var brokers: [String]
        /// CURVE keys, or nil for a plain link (debugging only).
        package var curve: BusCurve?
        /// Connections (READY slots) per broker: how many calls run at once.
        package var concurrency: Int
        /// How often heartbeats are sent.
        package var heartbeatInterval: Duration
        /// How many heartbeat intervals of silence mean the broker is gone.
        package var liveness: Int
        /// The first wait before reconnecting, doubled on each failure up to `maximumBackoff`.
        package var initialBackoff: Duration
        package var maximumBackoff: Duration
        /// How long shutdown waits for calls in progress.
        package var drainTimeout: Duration

        package init(
            service: String,
            brokers: [String],
            curve: BusCurve? = nil,
            concurrency: Int = 8,
            heartbeatInterval: Duration = .milliseconds(2500),
            liveness: Int = 3,
            initialBackoff: Duration = .milliseconds(250),
            maximumBackoff: Duration = .seconds(8),
            drainTimeout: Duration = .seconds(10)
        ) {
            self.service = service
            self.brokers = brokers
            self.curve = curve
            self.concurrency = max(1, concurrency)
            self.heartbeatInterval = heartbeatInterval
            self.liveness = max(1, liveness)
            self.initialBackoff = initialBackoff
            self.maximumBackoff = maximumBackoff
            self.drainTimeout = drainTimeout
        }
    }

    /// A route's handler after decoding and encoding are wrapped around it.
    typealias Handler = @Sendable (BusMessage, _ logger: Logger) async -> BusMessage

    package let configuration: Configuration
    private let context: ZMQContext
    private let logger: Logger
    private let handlers = Mutex<[String: Handler]>([:])
    private let queue: WakeableQueue<WorkerCommand>
    private let contact = Mutex<Bool>(false)

    /// Prepares a worker; it joins the bus when `run()` is called.
    package init(
        _ configuration: Configuration,
        context: ZMQContext = .shared,
        logger: Logger = Logger(label: "miz.bus.worker")
    ) throws(ZMQError) {
        self.configuration = configuration
        self.context = context
        self.logger = logger
        self.queue = try WakeableQueue<WorkerCommand>(context: context)
    }

    /// True while at least one connection has heard from a broker within its liveness.
    package var isConnected: Bool { contact.withLock { $0 } }

    func setConnected(_ connected: Bool) {
        contact.withLock { $0 = connected }
    }

    /// Serves a route: the request is decoded, the handler runs, its reply or thrown
    /// `BusError` goes back. Any other thrown error becomes `internal` and is logged.
    package func register<Request: Decodable & Sendable, Reply: Encodable & Sendable>(
        _ route: Route<Request, Reply>,
        handler: @escaping @Sendable (Request, CallContext) async throws -> Reply
    ) {
        registerWithAttachments(route) { request, context in
            AttachedReply(try await handler(request, context), attachments: [])
        }
    }

    /// Serves a route whose reply carries attachment frames.
    package func registerWithAttachments<Request: Decodable & Sendable, Reply: Encodable & Sendable>(
        _ route: Route<Request, Reply>,
        handler: @escaping @Sendable (Request, CallContext) async throws -> AttachedReply<Reply>
    ) {
        let wrapped: Handler = { message, logger in
            let context = CallContext(envelope: message.envelope, attachments: message.attachments, logger: logger)
            let request: Request
            do {
                request = try WireCoding.decoder.decode(Request.self, from: message.payload)
            } catch {
                return message.errorReply(
                    BusError(.invalidInput, message: nil, fields: [FieldError(field: "payload", message: "\(error)")]))
            }
            do {
                let result = try await handler(request, context)
                let payload = try WireCoding.encoder.encode(result.reply)
                return BusMessage(
                    envelope: message.envelope.reply(.ok), payload: payload, attachments: result.attachments)
            } catch let error as BusError {
                return message.errorReply(error)
            } catch {
                logger.error("route failed", metadata: ["miz.error": "\(error)"])
                return message.errorReply(BusError(.internal))
            }
        }
        handlers.withLock { $0[route.name] = wrapped }
    }

    /// The names of the routes this worker serves.
    package var routeNames: [String] { handlers.withLock { Array($0.keys).sorted() } }

    /// Joins the bus and serves until `shutdown()`; returns when every connection has closed.
    package func run() async {
        let configuration = self.configuration
        let queue = self.queue
        let logger = self.logger
        let context = self.context
        await BusThread.start(name: "miz-bus-worker-\(configuration.service)") { [self] in
            var loop = WorkerLoop(
                configuration: configuration, context: context, wake: queue.receiverBox, worker: self, logger: logger)
            loop.run(queue)
        }.value
        queue.close()
    }

    /// Asks the worker to finish the calls it holds, say DISCONNECT and stop.
    package func shutdown() {
        queue.push(.shutdown)
    }

    /// Runs one call off the socket thread and hands the reply back to it.
    func dispatch(body: [Data], slot: Int, generation: Int, client: Data) {
        let queue = self.queue
        Task { [self] in
            let reply = await answer(body: body)
            let frames = (try? reply.bodyFrames()) ?? []
            queue.push(.reply(slot: slot, generation: generation, client: client, body: frames))
        }
    }

    private func answer(body: [Data]) async -> BusMessage {
        let message: BusMessage
        do {
            message = try BusMessage(bodyFrames: body)
        } catch {
            let envelope = Envelope(route: "unknown", deadline: Date(), outcome: .error)
            return BusMessage(envelope: envelope, payload: (try? WireCoding.encoder.encode(error)) ?? Data())
        }
        var logger = self.logger
        logger[metadataKey: "miz.trace_id"] = "\(message.envelope.traceId)"
        logger[metadataKey: "miz.route"] = "\(message.envelope.route)"
        guard Date() < message.envelope.deadline else {
            logger.notice("refused a call whose deadline had passed")
            return message.errorReply(BusError(.timeout))
        }
        guard let handler = handlers.withLock({ $0[message.envelope.route] }) else {
            return message.errorReply(BusError(.notFound, message: "این عملیات وجود ندارد."))
        }
        return await handler(message, logger)
    }
}

/// What the rest of the process asks of the worker's socket thread.
enum WorkerCommand: Sendable {
    case reply(slot: Int, generation: Int, client: Data, body: [Data])
    case shutdown
}
