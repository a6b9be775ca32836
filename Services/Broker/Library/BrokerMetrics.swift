import Metrics

/// The broker's figures as swift-metrics gauges and counters (`miz_broker_*`, dimension
/// `service`): the autoscaler's signal. Owned by the I/O loop thread.
final class BrokerMetrics {
    private var services: [String: ServiceMetrics] = [:]
    private let factory: any MetricsFactory

    /// Makes an empty set over a metrics backend (the bootstrapped one unless a test gives
    /// its own); a service's metrics are made when it is first seen.
    init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Brings one service's metrics up to its status: gauges set, counters moved by what
    /// grew since the last update.
    func update(_ status: ServiceStatus) {
        let metrics: ServiceMetrics
        if let known = services[status.service] {
            metrics = known
        } else {
            metrics = ServiceMetrics(service: status.service, factory: factory)
            services[status.service] = metrics
        }
        metrics.update(status)
    }
}

/// The metric objects of one service and the counter values last reported.
private final class ServiceMetrics {
    let workersReady: Gauge
    let workersBusy: Gauge
    let queueDepth: Gauge
    let requests: Counter
    let replies: Counter
    let expired: Counter
    let rejected: Counter
    let lost: Counter
    var reported = ServiceStatus(service: "")

    /// Makes the metrics of one service, labelled with its name.
    init(service: String, factory: any MetricsFactory) {
        let dimensions = [("service", service)]
        workersReady = Gauge(label: "miz_broker_workers_ready", dimensions: dimensions, factory: factory)
        workersBusy = Gauge(label: "miz_broker_workers_busy", dimensions: dimensions, factory: factory)
        queueDepth = Gauge(label: "miz_broker_queue_depth", dimensions: dimensions, factory: factory)
        requests = Counter(label: "miz_broker_requests_total", dimensions: dimensions, factory: factory)
        replies = Counter(label: "miz_broker_replies_total", dimensions: dimensions, factory: factory)
        expired = Counter(label: "miz_broker_expired_total", dimensions: dimensions, factory: factory)
        rejected = Counter(label: "miz_broker_rejected_total", dimensions: dimensions, factory: factory)
        lost = Counter(label: "miz_broker_lost_total", dimensions: dimensions, factory: factory)
    }

    /// Sets the gauges and moves the counters by what grew since the last update.
    func update(_ status: ServiceStatus) {
        workersReady.record(status.workersReady)
        workersBusy.record(status.workersBusy)
        queueDepth.record(status.queueDepth)
        Self.advance(requests, by: status.requests - reported.requests)
        Self.advance(replies, by: status.replies - reported.replies)
        Self.advance(expired, by: status.expired - reported.expired)
        Self.advance(rejected, by: status.rejected - reported.rejected)
        Self.advance(lost, by: status.lost - reported.lost)
        reported = status
    }

    private static func advance(_ counter: Counter, by delta: Int) {
        if delta > 0 { counter.increment(by: delta) }
    }
}
