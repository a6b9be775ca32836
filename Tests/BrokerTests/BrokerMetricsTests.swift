import Broker
import Foundation
import Metrics
import Testing
import ZeroMQ

/// The broker's swift-metrics output: the `miz_broker_*` names and `service` dimension the
/// autoscaler reads.
@Suite("Broker metrics")
struct BrokerMetricsTests {
    private static let mdpw = Data("MDPW01".utf8)

    @Test("gauges and counters per service follow the traffic")
    func metricsFollowTraffic() throws {
        let recorded = RecordingMetrics()
        let broker = try RunningBroker(metricsFactory: recorded)
        defer { broker.stop() }
        let worker = try RawPeer(.dealer, connectTo: broker.endpoint)
        try worker.send([Data(), Self.mdpw, Data([0x01]), Data("counted".utf8)])
        let client = try RawPeer(.req, connectTo: broker.endpoint)
        for index in 0..<3 {
            try client.send(strings: ["MDPC01", "counted", "\(index)"])
            let request = try #require(try worker.receiveSkippingHeartbeats())
            try worker.send([Data(), Self.mdpw, Data([0x03]), request[3], Data(), request[5]])
            #expect(try client.receive()?.last == Data("\(index)".utf8))
        }
        #expect(waitUntil { recorded.value("miz_broker_replies_total", service: "counted") == 3 })
        #expect(recorded.value("miz_broker_requests_total", service: "counted") == 3)
        #expect(recorded.value("miz_broker_workers_ready", service: "counted") == 1)
        #expect(recorded.value("miz_broker_workers_busy", service: "counted") == 0)
        #expect(recorded.value("miz_broker_queue_depth", service: "counted") == 0)
    }
}

/// A swift-metrics backend that keeps the last value of every gauge and the sum of every
/// counter, by label and `service` dimension.
final class RecordingMetrics: MetricsFactory, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Double] = [:]

    /// The value recorded for a metric of a service, if any.
    func value(_ label: String, service: String) -> Double? {
        lock.withLock { values["\(label)|\(service)"] }
    }

    fileprivate func update(_ key: String, _ change: (Double) -> Double) {
        lock.withLock { values[key] = change(values[key] ?? 0) }
    }

    private func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        "\(label)|\(dimensions.first { $0.0 == "service" }?.1 ?? "")"
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        RecordingHandler(metrics: self, key: key(label, dimensions))
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        RecordingHandler(metrics: self, key: key(label, dimensions))
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        RecordingHandler(metrics: self, key: key(label, dimensions))
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        RecordingHandler(metrics: self, key: key(label, dimensions))
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        RecordingHandler(metrics: self, key: key(label, dimensions))
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}

/// One metric of `RecordingMetrics`.
private final class RecordingHandler: CounterHandler, FloatingPointCounterHandler, MeterHandler, RecorderHandler,
    TimerHandler, @unchecked Sendable
{
    let metrics: RecordingMetrics
    let key: String

    init(metrics: RecordingMetrics, key: String) {
        self.metrics = metrics
        self.key = key
    }

    func increment(by amount: Int64) { metrics.update(key) { $0 + Double(amount) } }
    func increment(by amount: Double) { metrics.update(key) { $0 + amount } }
    func decrement(by amount: Double) { metrics.update(key) { $0 - amount } }
    func reset() { metrics.update(key) { _ in 0 } }
    func set(_ value: Int64) { metrics.update(key) { _ in Double(value) } }
    func set(_ value: Double) { metrics.update(key) { _ in value } }
    func record(_ value: Int64) { metrics.update(key) { _ in Double(value) } }
    func record(_ value: Double) { metrics.update(key) { _ in value } }
    func recordNanoseconds(_ duration: Int64) { metrics.update(key) { _ in Double(duration) } }
}
