import CZeroMQ
import Foundation
import Logging
import Majordomo
import ZeroMQ

/// The poll loop of a `BusWorker`: the only code that touches its DEALER sockets.
///
/// Worker sockets do not set IMMEDIATE: each connects to exactly one broker, and READY must
/// wait in the pipe until the connection is up rather than be dropped.
struct WorkerLoop {
    private struct Slot {
        var broker: String
        var socket: ZMQSocket?
        var generation = 0
        var busy = false
        var lastHeard: ContinuousClock.Instant = .now
        /// Whether the broker has said anything on this connection: only then is it contact
        /// (a TCP connection alone is not: a frozen broker's kernel still accepts it).
        var heard = false
        var lastSent: ContinuousClock.Instant = .now
        var reconnectAt: ContinuousClock.Instant?
        var backoff: Duration
    }

    private let configuration: BusWorker.Configuration
    private let context: ZMQContext
    private let wake: ReceiverBox
    private unowned let worker: BusWorker
    private let logger: Logger
    private var slots: [Slot] = []
    private var draining = false
    private var drainDeadline: ContinuousClock.Instant?
    private var connected = false

    init(
        configuration: BusWorker.Configuration, context: ZMQContext, wake: ReceiverBox, worker: BusWorker,
        logger: Logger
    ) {
        self.configuration = configuration
        self.context = context
        self.wake = wake
        self.worker = worker
        self.logger = logger
        for broker in configuration.brokers {
            for _ in 0..<configuration.concurrency {
                slots.append(Slot(broker: broker, backoff: configuration.initialBackoff))
            }
        }
    }

    private var expiry: Duration { configuration.heartbeatInterval * configuration.liveness }

    mutating func run(_ queue: WakeableQueue<WorkerCommand>) {
        for index in slots.indices { open(index) }
        while true {
            var poller = ZMQPoller()
            poller.watch(wake.ownedSocket)
            var watched: [(pollIndex: Int, slot: Int)] = []
            for (index, slot) in slots.enumerated() {
                if let socket = slot.socket { watched.append((poller.watch(socket), index)) }
            }
            if draining && slots.allSatisfy({ $0.socket == nil }) { break }
            do {
                _ = try poller.poll(timeoutMilliseconds: nextTimeout())
            } catch {
                logger.error("bus worker poll failed", metadata: ["miz.error": "\(error)"])
                break
            }
            if poller.isReadable(0) {
                wake.drain()
                for command in queue.takeAll() { handle(command) }
            }
            for (pollIndex, index) in watched where poller.isReadable(pollIndex) {
                receive(index)
            }
            keepAlive(now: .now)
        }
        for index in slots.indices { slots[index].socket?.close() }
        worker.setConnected(false)
    }

    private func nextTimeout() -> Int {
        let now = ContinuousClock.now
        var nearest = now.advanced(by: configuration.heartbeatInterval)
        for slot in slots {
            if slot.socket != nil {
                nearest = min(nearest, slot.lastSent.advanced(by: configuration.heartbeatInterval))
                nearest = min(nearest, slot.lastHeard.advanced(by: expiry))
            } else if let reconnectAt = slot.reconnectAt {
                nearest = min(nearest, reconnectAt)
            }
        }
        if let drainDeadline { nearest = min(nearest, drainDeadline) }
        return max(0, (nearest - now).millisecondsRoundedUp)
    }

    private mutating func open(_ index: Int) {
        do {
            let socket = try ZMQSocket(.dealer, context: context)
            try socket.applyBusDefaults()
            try socket.applyCurve(configuration.curve)
            try socket.connect(slots[index].broker)
            slots[index].socket = socket
            slots[index].generation += 1
            slots[index].busy = false
            slots[index].reconnectAt = nil
            slots[index].lastHeard = .now
            slots[index].heard = false
            send(index, .ready(service: configuration.service))
        } catch {
            logger.error(
                "bus worker could not connect",
                metadata: ["miz.broker": "\(slots[index].broker)", "miz.error": "\(error)"])
            scheduleReconnect(index)
        }
    }

    private mutating func scheduleReconnect(_ index: Int) {
        slots[index].socket?.close()
        slots[index].socket = nil
        slots[index].busy = false
        guard !draining else { return }
        slots[index].reconnectAt = ContinuousClock.now.advanced(by: slots[index].backoff)
        slots[index].backoff = min(slots[index].backoff * 2, configuration.maximumBackoff)
    }

    private mutating func send(_ index: Int, _ message: WorkerMessage) {
        guard let socket = slots[index].socket else { return }
        do {
            try socket.send(message.frames, dontWait: true)
            slots[index].lastSent = .now
        } catch {
            logger.warning("bus worker could not send", metadata: ["miz.error": "\(error)"])
        }
    }

    private mutating func handle(_ command: WorkerCommand) {
        switch command {
        case .reply(let index, let generation, let client, let body):
            guard slots[index].generation == generation, slots[index].socket != nil else {
                logger.notice("dropped a reply: its broker connection was replaced meanwhile")
                return
            }
            send(index, .reply(client: client, body: body))
            slots[index].busy = false
            if draining {
                send(index, .disconnect)
                slots[index].socket?.close()
                slots[index].socket = nil
            }
        case .shutdown:
            guard !draining else { return }
            draining = true
            drainDeadline = ContinuousClock.now.advanced(by: configuration.drainTimeout)
            for index in slots.indices {
                slots[index].reconnectAt = nil
                if !slots[index].busy, slots[index].socket != nil {
                    send(index, .disconnect)
                    slots[index].socket?.close()
                    slots[index].socket = nil
                }
            }
        }
    }

    private mutating func receive(_ index: Int) {
        while let socket = slots[index].socket {
            let frames: [Data]
            do {
                guard let received = try socket.receive(dontWait: true) else { return }
                frames = received
            } catch {
                logger.error("bus worker receive failed", metadata: ["miz.error": "\(error)"])
                scheduleReconnect(index)
                return
            }
            slots[index].lastHeard = .now
            slots[index].heard = true
            slots[index].backoff = configuration.initialBackoff
            let message: WorkerMessage
            do {
                message = try WorkerMessage(frames: frames[...])
            } catch {
                logger.warning("bus worker dropped a malformed message", metadata: ["miz.reason": "\(error)"])
                continue
            }
            switch message {
            case .request(let client, let body):
                slots[index].busy = true
                worker.dispatch(body: body, slot: index, generation: slots[index].generation, client: client)
            case .heartbeat:
                break
            case .disconnect:
                logger.notice(
                    "broker asked this connection to disconnect; reconnecting",
                    metadata: ["miz.broker": "\(slots[index].broker)"])
                slots[index].socket?.close()
                slots[index].socket = nil
                if !draining { open(index) }
                return
            case .ready, .reply:
                logger.warning(
                    "bus worker got a command meant for the broker", metadata: ["miz.command": "\(message.command)"])
            }
        }
    }

    private mutating func keepAlive(now: ContinuousClock.Instant) {
        if let drainDeadline, now >= drainDeadline {
            for index in slots.indices where slots[index].socket != nil {
                send(index, .disconnect)
                slots[index].socket?.close()
                slots[index].socket = nil
            }
            return
        }
        var anyContact = false
        for index in slots.indices {
            if slots[index].socket != nil {
                if now - slots[index].lastHeard > expiry {
                    logger.warning(
                        "broker went silent; reconnecting", metadata: ["miz.broker": "\(slots[index].broker)"])
                    scheduleReconnect(index)
                    continue
                }
                if now - slots[index].lastSent >= configuration.heartbeatInterval {
                    send(index, .heartbeat)
                }
                if slots[index].heard && now - slots[index].lastHeard <= configuration.heartbeatInterval * 2 {
                    anyContact = true
                }
            } else if let reconnectAt = slots[index].reconnectAt, reconnectAt <= now {
                open(index)
            }
        }
        if anyContact != connected {
            connected = anyContact
            worker.setConnected(anyContact)
        }
    }
}
