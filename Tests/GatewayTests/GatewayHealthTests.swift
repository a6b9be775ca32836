import Broker
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MizBus
import MizSchema
import NIOCore
import NIOFoundationCompat
import Synchronization
import Testing

@Suite("Gateway health, errors and tracing", .serialized)
struct GatewayHealthTests {
    private func withBus(
        services: [String],
        _ body: @Sendable (BusClient, TraceLog) async throws -> Void
    ) async throws {
        let broker = try BrokerServer(
            configuration: BrokerServerConfiguration(
                endpoints: ["tcp://127.0.0.1:*"], policy: BrokerPolicy(maximumWait: .milliseconds(500))))
        let brokerTask = Task { try await broker.run() }
        let endpoint = broker.boundEndpoints[0]
        let seenTraces = TraceLog()
        var workers: [BusWorker] = []
        var running: [Task<Void, Never>] = []
        for service in services {
            let worker = try BusWorker(.init(service: service, brokers: [endpoint], concurrency: 2))
            worker.register(Routes.ping(service: service)) { _, context in
                seenTraces.record(context.envelope.traceId)
                return PingReply(service: service, version: "test", instanceId: "\(service)-1", uptimeSeconds: 1)
            }
            workers.append(worker)
            running.append(Task { await worker.run() })
        }
        let client = try BusClient(.init(brokers: [endpoint]))
        for service in services {
            for _ in 0..<200 where (try? await client.isServiceAvailable(service)) != true {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        try await body(client, seenTraces)
        for worker in workers { worker.shutdown() }
        for task in running { await task.value }
        await client.shutdown()
        broker.shutdown()
        _ = try? await brokerTask.value
    }

    @Test("health is ok with every service answering, and names each one")
    func healthOk() async throws {
        try await withBus(services: Routes.serviceNames) { client, _ in
            let app = GatewayService.buildApplication(
                client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
            try await app.test(.router) { http in
                try await http.execute(uri: "/api/v1/health", method: .get) { response in
                    #expect(response.status == .ok)
                    let report = try JSONDecoder().decode(HealthRoutes.Report.self, from: Data(buffer: response.body))
                    #expect(report.status == "ok")
                    #expect(report.services.map(\.service) == Routes.serviceNames.sorted())
                    #expect(
                        report.services.allSatisfy {
                            $0.available && $0.pingMilliseconds != nil && $0.instanceId != nil
                        })
                }
            }
        }
    }

    @Test("health is degraded (503) with a Persian problem for each missing service")
    func healthDegraded() async throws {
        try await withBus(services: ["catalog"]) { client, _ in
            let app = GatewayService.buildApplication(
                client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
            try await app.test(.router) { http in
                try await http.execute(uri: "/api/v1/health", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    let report = try JSONDecoder().decode(HealthRoutes.Report.self, from: Data(buffer: response.body))
                    #expect(report.status == "degraded")
                    let catalog = try #require(report.services.first { $0.service == "catalog" })
                    #expect(catalog.available && catalog.problem == nil)
                    let requests = try #require(report.services.first { $0.service == "requests" })
                    #expect(!requests.available)
                    #expect(requests.problem == "هیچ نمونه‌ای از این سرویس در حال اجرا نیست.")
                }
            }
        }
    }

    @Test("an incoming traceparent's trace id travels into the bus and back in the response")
    func traceparentPropagates() async throws {
        try await withBus(services: Routes.serviceNames) { client, seen in
            let app = GatewayService.buildApplication(
                client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
            let traceId = "4bf92f3577b34da6a3ce929d0e0e4736"
            try await app.test(.router) { http in
                try await http.execute(
                    uri: "/api/v1/health", method: .get,
                    headers: [HTTPField.Name("traceparent")!: "00-\(traceId)-00f067aa0ba902b7-01"]
                ) { response in
                    let header = try #require(response.headers[HTTPField.Name("traceparent")!])
                    #expect(header.hasPrefix("00-\(traceId)-"))
                }
            }
            #expect(seen.traces.contains(traceId))
        }
    }

    @Test("unknown paths answer the JSON error body in Persian")
    func unknownPath() async throws {
        try await withBus(services: []) { client, _ in
            let app = GatewayService.buildApplication(
                client: client, host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
            try await app.test(.router) { http in
                try await http.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let body = try JSONDecoder().decode(HTTPErrorMapping.Body.self, from: Data(buffer: response.body))
                    #expect(body.error.code == .notFound)
                    #expect(body.error.message == "صفحه یا نشانی درخواستی یافت نشد.")
                }
            }
        }
    }
}

/// The trace ids the test's ping handlers saw.
final class TraceLog: Sendable {
    private let seen = Mutex<[String]>([])

    func record(_ traceId: String) { seen.withLock { $0.append(traceId) } }

    var traces: [String] { seen.withLock { $0 } }
}

@Suite("Error mapping and trace context")
struct ErrorMappingTests {
    @Test(
        "every error code maps to its HTTP status",
        arguments: [
            (ErrorCode.invalidInput, 400), (.notFound, 404), (.unauthorized, 401), (.forbidden, 403), (.conflict, 409),
            (.tooManyRequests, 429), (.unavailable, 503), (.timeout, 504), (.internal, 500),
        ])
    func statuses(code: ErrorCode, status: Int) {
        #expect(HTTPErrorMapping.status(for: code).code == status)
    }

    @Test("traceparent values are read per the W3C rules")
    func traceparentParsing() {
        #expect(
            TraceContext.traceId(fromTraceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceContext.traceId(fromTraceparent: "00-00000000000000000000000000000000-00f067aa0ba902b7-01") == nil)
        #expect(TraceContext.traceId(fromTraceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01") == nil)
        #expect(TraceContext.traceId(fromTraceparent: "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01") == nil)
        #expect(TraceContext.traceId(fromTraceparent: "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") == nil)
        #expect(TraceContext.traceId(fromTraceparent: "garbage") == nil)
        let made = TraceContext.traceparent(traceId: "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceContext.traceId(fromTraceparent: made) == "4bf92f3577b34da6a3ce929d0e0e4736")
    }
}
