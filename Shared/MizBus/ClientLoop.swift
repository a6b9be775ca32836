import Foundation
import Logging
import Majordomo
import MizSchema
import ZeroMQ

/// The poll loop of a `BusClient`: the only code that touches its DEALER socket.
struct ClientLoop {
    private struct InFlight {
        var call: PendingCall
        var nextAttempt: ContinuousClock.Instant
        /// An `unavailable` answer held back while a retryable call still has time to retry.
        var lastUnavailable: [Data]?
    }

    private let socket: ZMQSocket
    private let wake: ReceiverBox
    private let attemptTimeout: Duration
    private let logger: Logger
    private var inFlight: [String: InFlight] = [:]
    private var unsent: [[Data]] = []
    private var running = true

    init(socket: ZMQSocket, wake: ReceiverBox, attemptTimeout: Duration, logger: Logger) {
        self.socket = socket
        self.wake = wake
        self.attemptTimeout = attemptTimeout
        self.logger = logger
    }

    mutating func run(_ queue: WakeableQueue<ClientCommand>) {
        while running {
            var poller = ZMQPoller()
            let wakeIndex = poller.watch(wake.ownedSocket)
            let socketIndex = poller.watch(socket, forWriting: !unsent.isEmpty)
            do {
                _ = try poller.poll(timeoutMilliseconds: nextTimeout())
            } catch {
                logger.error("bus client poll failed", metadata: ["miz.error": "\(error)"])
                break
            }
            if poller.isReadable(wakeIndex) {
                wake.drain()
                for command in queue.takeAll() { handle(command) }
            }
            if poller.isReadable(socketIndex) { receiveReplies() }
            flushUnsent()
            expireAndRetry(now: .now)
        }
        for (_, pending) in inFlight {
            pending.call.continuation.resume(throwing: BusError(.unavailable))
        }
        inFlight.removeAll()
        for command in queue.takeAll() {
            if case .call(let call) = command { call.continuation.resume(throwing: BusError(.unavailable)) }
        }
        socket.close()
    }

    private func nextTimeout() -> Int {
        guard !inFlight.isEmpty else { return unsent.isEmpty ? -1 : 100 }
        let now = ContinuousClock.now
        var nearest = ContinuousClock.Instant.now.advanced(by: .seconds(3600))
        for pending in inFlight.values {
            nearest = min(nearest, pending.call.deadline)
            if pending.call.retryable { nearest = min(nearest, pending.nextAttempt) }
        }
        return max(0, (nearest - now).millisecondsRoundedUp)
    }

    private mutating func handle(_ command: ClientCommand) {
        switch command {
        case .call(let call):
            inFlight[call.id] = InFlight(
                call: call, nextAttempt: .now.advanced(by: attemptTimeout), lastUnavailable: nil)
            transmit(call.frames)
        case .cancel(let id):
            inFlight.removeValue(forKey: id)?.call.continuation.resume(throwing: CancellationError())
        case .shutdown:
            running = false
        }
    }

    private mutating func transmit(_ frames: [Data]) {
        guard unsent.isEmpty else {
            unsent.append(frames)
            return
        }
        do {
            if try !socket.send(frames, dontWait: true) { unsent.append(frames) }
        } catch {
            logger.warning("bus client could not send", metadata: ["miz.error": "\(error)"])
        }
    }

    private mutating func flushUnsent() {
        while let frames = unsent.first {
            guard (try? socket.send(frames, dontWait: true)) == true else { return }
            unsent.removeFirst()
        }
    }

    private mutating func receiveReplies() {
        while true {
            let frames: [Data]
            do {
                guard let received = try socket.receive(dontWait: true) else { return }
                frames = received
            } catch {
                logger.error("bus client receive failed", metadata: ["miz.error": "\(error)"])
                return
            }
            guard let reply = try? ClientMessage(frames: frames[...]) else {
                logger.warning("bus client dropped a malformed reply", metadata: ["miz.frames": "\(frames.count)"])
                continue
            }
            let isInternal = reply.service.hasPrefix(MajordomoProtocol.internalServicePrefix)
            let headerIndex = isInternal ? 1 : 0
            guard reply.body.count > headerIndex,
                let envelope = try? WireCoding.decoder.decode(Envelope.self, from: reply.body[headerIndex])
            else {
                logger.warning(
                    "bus client dropped a reply without a header", metadata: ["miz.service": "\(reply.service)"])
                continue
            }
            guard let pending = inFlight[envelope.messageId] else {
                // A late reply to an attempt whose call already ended.
                continue
            }
            let code = envelope.outcome == .error ? Self.errorCode(reply.body) : nil
            if pending.call.retryable, code == .unavailable,
                ContinuousClock.now.advanced(by: Self.unavailableBackoff) < pending.call.deadline
            {
                // The broker had no worker, or lost the one that held the call: a retryable call
                // tries again shortly, and ends with this answer if its deadline comes first.
                inFlight[envelope.messageId]?.lastUnavailable = reply.body
                inFlight[envelope.messageId]?.nextAttempt = ContinuousClock.now.advanced(by: Self.unavailableBackoff)
                continue
            }
            inFlight.removeValue(forKey: envelope.messageId)
            // A retry that ran out of time says less than the `unavailable` that caused it.
            let answer = code == .timeout ? (pending.lastUnavailable ?? reply.body) : reply.body
            pending.call.continuation.resume(returning: answer)
        }
    }

    /// How long a retryable call waits after an `unavailable` answer before it tries again.
    static let unavailableBackoff: Duration = .milliseconds(100)

    /// The code of the `BusError` in a reply body's payload.
    private static func errorCode(_ body: [Data]) -> ErrorCode? {
        guard body.count >= 2 else { return nil }
        return (try? WireCoding.decoder.decode(BusError.self, from: body[1]))?.code
    }

    private mutating func expireAndRetry(now: ContinuousClock.Instant) {
        guard !inFlight.isEmpty else { return }
        var resend: [[Data]] = []
        for (id, pending) in inFlight {
            if pending.call.deadline <= now {
                inFlight.removeValue(forKey: id)
                if let unavailable = pending.lastUnavailable {
                    pending.call.continuation.resume(returning: unavailable)
                } else {
                    pending.call.continuation.resume(throwing: BusError(.timeout))
                }
            } else if pending.call.retryable && pending.nextAttempt <= now {
                inFlight[id]?.nextAttempt = now.advanced(by: attemptTimeout)
                resend.append(pending.call.frames)
            }
        }
        for frames in resend { transmit(frames) }
    }
}
