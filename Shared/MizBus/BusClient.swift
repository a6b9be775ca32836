import CZeroMQ
import Foundation
import Logging
import Majordomo
import MizSchema
import ZeroMQ

/// Calls routes of the desk's services through one or more brokers, as an MDP client.
///
/// Many calls are in flight at once over one DEALER socket connected to every broker (which
/// spreads them over the brokers it reaches); replies are matched to calls by message id. A
/// call that gets no answer in `attemptTimeout` is sent again, on the next broker, only when
/// its route is idempotent or it carries an idempotency key; every call ends by its deadline.
package final class BusClient: Sendable {
    /// How a client reaches the bus.
    package struct Configuration: Sendable {
        /// Broker endpoints, such as `tcp://127.0.0.1:5555`.
        package var brokers: [String]
        /// CURVE keys, or nil for a plain link (debugging only).
        package var curve: BusCurve?
        /// How long one attempt waits before a retryable call is sent again.
        package var attemptTimeout: Duration
        /// The deadline of a call that names none.
        package var defaultTimeout: Duration

        package init(
            brokers: [String],
            curve: BusCurve? = nil,
            attemptTimeout: Duration = .seconds(2),
            defaultTimeout: Duration = .seconds(10)
        ) {
            self.brokers = brokers
            self.curve = curve
            self.attemptTimeout = attemptTimeout
            self.defaultTimeout = defaultTimeout
        }
    }

    private let configuration: Configuration
    private let queue: WakeableQueue<ClientCommand>
    private let loop: Task<Void, Never>

    /// Connects to the brokers and starts the thread that owns the socket.
    package init(
        _ configuration: Configuration,
        context: ZMQContext = .shared,
        logger: Logger = Logger(label: "miz.bus.client")
    ) throws(ZMQError) {
        let socket = try ZMQSocket(.dealer, context: context)
        try socket.applyBusDefaults()
        try socket.setOption(ZMQ_IMMEDIATE, 1)
        try socket.applyCurve(configuration.curve)
        for broker in configuration.brokers {
            try socket.connect(broker)
        }
        let queue = try WakeableQueue<ClientCommand>(context: context)
        self.configuration = configuration
        self.queue = queue
        let owned = OwnedSocket(socket)
        let attemptTimeout = configuration.attemptTimeout
        self.loop = BusThread.start(name: "miz-bus-client") {
            var state = ClientLoop(
                socket: owned.socket,
                wake: queue.receiverBox,
                attemptTimeout: attemptTimeout,
                logger: logger
            )
            state.run(queue)
        }
    }

    /// Stops the client: calls still waiting fail with `unavailable`.
    package func shutdown() async {
        queue.push(.shutdown)
        await loop.value
        queue.close()
    }

    // MARK: Typed calls

    /// Calls a route and returns its reply, or throws the `BusError` the service (or the
    /// broker, or the deadline) produced.
    package func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>,
        _ request: Request,
        timeout: Duration? = nil,
        caller: Caller? = nil,
        idempotencyKey: String? = nil,
        traceId: String? = nil,
        attachments: [Data] = []
    ) async throws -> Reply {
        try await callWithAttachments(
            route, request, timeout: timeout, caller: caller, idempotencyKey: idempotencyKey,
            traceId: traceId, attachments: attachments
        ).reply
    }

    /// Calls a route whose reply carries attachment frames (a result document, say).
    package func callWithAttachments<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>,
        _ request: Request,
        timeout: Duration? = nil,
        caller: Caller? = nil,
        idempotencyKey: String? = nil,
        traceId: String? = nil,
        attachments: [Data] = []
    ) async throws -> (reply: Reply, attachments: [Data]) {
        let payload: Data
        do {
            payload = try WireCoding.encoder.encode(request)
        } catch {
            throw BusError(.internal, message: nil, fields: [FieldError(field: "request", message: "\(error)")])
        }
        let timeout = timeout ?? configuration.defaultTimeout
        let envelope = Envelope(
            route: route.name,
            traceId: traceId ?? Envelope.makeTraceId(),
            deadline: Date().addingTimeInterval(timeout.seconds),
            idempotencyKey: idempotencyKey,
            caller: caller
        )
        let message = BusMessage(envelope: envelope, payload: payload, attachments: attachments)
        let reply = try await send(message, retryable: route.isIdempotent || idempotencyKey != nil, timeout: timeout)
        if reply.envelope.outcome == .error {
            throw (try? WireCoding.decoder.decode(BusError.self, from: reply.payload))
                ?? BusError(.internal, message: nil, fields: [FieldError(field: "reply", message: "unreadable error")])
        }
        do {
            return (try WireCoding.decoder.decode(Reply.self, from: reply.payload), reply.attachments)
        } catch {
            throw BusError(.internal, message: nil, fields: [FieldError(field: "reply", message: "\(error)")])
        }
    }

    // MARK: Raw calls

    /// Sends a ready-made message and returns the reply message as it came, error or not;
    /// used by tools that call routes by name (`desk call`).
    package func send(_ message: BusMessage, retryable: Bool, timeout: Duration) async throws -> BusMessage {
        let request = ClientMessage(service: message.envelope.service, body: try message.bodyFrames())
        let body = try await exchange(
            id: message.envelope.messageId, frames: request.frames, retryable: retryable, timeout: timeout)
        return try BusMessage(bodyFrames: body)
    }

    /// Asks the brokers (8/MMI `mmi.service`) whether a service has any worker.
    package func isServiceAvailable(_ service: String, timeout: Duration = .seconds(2)) async throws -> Bool {
        let envelope = Envelope(
            route: MajordomoProtocol.serviceDiscovery, deadline: Date().addingTimeInterval(timeout.seconds))
        let header = try WireCoding.encoder.encode(envelope)
        let request = ClientMessage(service: MajordomoProtocol.serviceDiscovery, body: [Data(service.utf8), header])
        let body = try await exchange(id: envelope.messageId, frames: request.frames, retryable: true, timeout: timeout)
        return body.first == Data("200".utf8)
    }

    /// True when a broker answers at all (any `mmi.service` reply), for readiness checks.
    package func isBrokerReachable(timeout: Duration = .seconds(1)) async -> Bool {
        (try? await isServiceAvailable(MajordomoProtocol.serviceDiscovery, timeout: timeout)) != nil
    }

    private func exchange(id: String, frames: [Data], retryable: Bool, timeout: Duration) async throws -> [Data] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let call = PendingCall(
                    id: id, frames: frames, deadline: deadline, retryable: retryable, continuation: continuation)
                if !queue.push(.call(call)) {
                    continuation.resume(throwing: BusError(.unavailable))
                }
            }
        } onCancel: {
            queue.push(.cancel(id))
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    package var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in whole milliseconds, rounded up, for `zmq_poll`.
    var millisecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}

/// A call waiting for its reply.
struct PendingCall: Sendable {
    let id: String
    let frames: [Data]
    let deadline: ContinuousClock.Instant
    let retryable: Bool
    let continuation: CheckedContinuation<[Data], any Error>
}

/// What callers ask of the client's socket thread.
enum ClientCommand: Sendable {
    case call(PendingCall)
    case cancel(String)
    case shutdown
}

/// Hands a socket made on one thread to the thread that will own it.
final class OwnedSocket: @unchecked Sendable {
    let socket: ZMQSocket
    init(_ socket: ZMQSocket) { self.socket = socket }
}
