import Logging
import Metrics
import Prometheus
import Synchronization

/// Sets up logging and metrics once per process: structured, masked log lines carrying the
/// service and instance, and a Prometheus registry that the ops server exposes.
package enum Observability {
    private static let state = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-log and swift-metrics for this process and returns the registry.
    /// Later calls return the same registry and change nothing.
    @discardableResult
    package static func bootstrap(service: String, instance: String, level: String) -> PrometheusCollectorRegistry {
        state.withLock { registry in
            if let registry { return registry }
            let made = PrometheusCollectorRegistry()
            let logLevel = Logger.Level(rawValue: level) ?? .info
            LoggingSystem.bootstrap { label in
                StructuredLogHandler(
                    label: label, level: logLevel,
                    metadata: ["miz.service": "\(service)", "miz.instance": "\(instance)"])
            }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: made))
            registry = made
            return made
        }
    }
}
