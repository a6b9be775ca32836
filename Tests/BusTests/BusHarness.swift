import Broker
import Foundation
import Logging
import MizBus
import MizSchema
import ZeroMQ

/// A broker, workers and clients in one test process, on a real TCP port of 127.0.0.1.
final class BusHarness: Sendable {
    let broker: BrokerServer
    let brokerTask: Task<Void, any Error>
    let endpoint: String

    /// Starts a broker with short heartbeats so liveness tests finish quickly.
    init(
        endpoint: String = "tcp://127.0.0.1:*",
        heartbeat: Duration = .milliseconds(200),
        maximumWait: Duration = .seconds(10)
    ) throws {
        let configuration = BrokerServerConfiguration(
            endpoints: [endpoint],
            policy: BrokerPolicy(heartbeatInterval: heartbeat, liveness: 3, maximumWait: maximumWait))
        // A port just released by a stopped broker may take a moment to be free again.
        var attempts = 0
        var made: BrokerServer?
        while made == nil {
            do {
                made = try BrokerServer(configuration: configuration)
            } catch let error as ZMQError where error.code == EADDRINUSE && attempts < 100 {
                attempts += 1
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let broker = made else { throw ZMQError(operation: "bind", code: EADDRINUSE) }
        self.broker = broker
        self.endpoint = broker.boundEndpoints[0]
        self.brokerTask = Task { try await broker.run() }
    }

    /// Makes a worker for a service with short heartbeats; it joins when `start` runs it.
    func worker(service: String = "echo", concurrency: Int = 4, brokers: [String]? = nil) throws -> BusWorker {
        try BusWorker(
            .init(
                service: service, brokers: brokers ?? [endpoint], concurrency: concurrency,
                heartbeatInterval: .milliseconds(200), liveness: 3, initialBackoff: .milliseconds(50),
                maximumBackoff: .milliseconds(400), drainTimeout: .seconds(5)))
    }

    func client(
        attemptTimeout: Duration = .seconds(2), defaultTimeout: Duration = .seconds(10), brokers: [String]? = nil
    ) throws -> BusClient {
        try BusClient(
            .init(brokers: brokers ?? [endpoint], attemptTimeout: attemptTimeout, defaultTimeout: defaultTimeout))
    }

    func stop() async {
        broker.shutdown()
        _ = try? await brokerTask.value
    }
}

/// Runs a worker in the background until the returned task is cancelled or the worker shuts down.
func start(_ worker: BusWorker) -> Task<Void, Never> {
    Task { await worker.run() }
}

/// Waits until a condition holds, checking after each bus round trip; fails after `limit`.
func eventually(
    _ limit: Duration = .seconds(15), _ condition: @Sendable () async throws -> Bool
) async throws -> Bool {
    let end = ContinuousClock.now.advanced(by: limit)
    while ContinuousClock.now < end {
        if (try? await condition()) == true { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}

struct Echo: Codable, Sendable, Equatable {
    var text: String
    var number: Int
}

enum TestRoutes {
    static let echo = Route<Echo, Echo>("echo.say", isIdempotent: true)
    static let echoOnce = Route<Echo, Echo>("echo.once", isIdempotent: false)
    static let blob = Route<Echo, Echo>("echo.blob", isIdempotent: true)
    static let fail = Route<Echo, Echo>("echo.fail", isIdempotent: true)
    static let missing = Route<Echo, Echo>("echo.missing", isIdempotent: true)
}
