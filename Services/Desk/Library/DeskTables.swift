import Broker
import Foundation

/// The tables `desk up`, `desk scale` and `desk status` print.
package enum DeskTables {
    /// One row per process kind: process, pids, instances running, ready/instances, restarts
    /// of all its instances and URL (the first instance's ops server for services, `+N` for
    /// the others).
    package static func processes(_ entries: [ProcessEntry]) -> String {
        var table = TextTable([
            .init("PROCESS"), .init("PIDS"), .init("INSTANCES", .right), .init("READY", .right),
            .init("RESTARTS", .right),
            .init("URL"),
        ])
        for kind in ProcessKind.allCases {
            let group = entries.filter { $0.name == kind.rawValue }.sorted { $0.instance < $1.instance }
            let running = group.filter { $0.pid != nil }
            let pids = abbreviated(running.compactMap(\.pid).map(String.init), width: 15)
            var url = group.first?.url ?? "-"
            if kind.isScalable {
                url = group.first.map { "http://127.0.0.1:\($0.opsPort)" } ?? "-"
                if group.count > 1 { url += " +\(group.count - 1)" }
            }
            table.add([
                kind.rawValue, pids.isEmpty ? "-" : pids, String(running.count),
                "\(running.filter(\.ready).count)/\(group.count)", String(group.map(\.restarts).reduce(0, +)), url,
            ])
        }
        return table.rendered
    }

    /// One row per bus service: instances running, workers ready and busy at the broker, queue
    /// depth, requests per second between two samples, expired and rejected requests.
    package static func services(
        entries: [ProcessEntry], first: BrokerSnapshot, second: BrokerSnapshot, interval: Duration
    ) -> String {
        var table = TextTable([
            .init("SERVICE"), .init("INSTANCES", .right), .init("READY", .right), .init("BUSY", .right),
            .init("QUEUE", .right), .init("REQ/S", .right), .init("EXPIRED", .right), .init("REJECTED", .right),
        ])
        let known = ProcessKind.scalable.compactMap(\.busService)
        let others = second.services.map(\.service).filter { !known.contains($0) }.sorted()
        let seconds = max(interval.secondsValue, 0.001)
        for service in known + others {
            let now = second.service(service)
            let before = first.service(service)
            let instances = entries.filter { $0.service == service && $0.pid != nil }.count
            let rate = Double(max(0, (now?.requests ?? 0) - (before?.requests ?? 0))) / seconds
            table.add([
                service, String(instances), String(now?.workersReady ?? 0), String(now?.workersBusy ?? 0),
                String(now?.queueDepth ?? 0), String(format: "%.1f", rate), String(now?.expired ?? 0),
                String(now?.rejected ?? 0),
            ])
        }
        return table.rendered
    }

    /// The items joined by commas, cut to the width with `+N` for the rest.
    package static func abbreviated(_ items: [String], width: Int) -> String {
        var shown: [String] = []
        for (index, item) in items.enumerated() {
            let rest = items.count - index - 1
            let candidate = (shown + [item]).joined(separator: ",")
            let suffix = rest > 0 ? ",+\(rest)" : ""
            if (candidate + suffix).count > width && !shown.isEmpty {
                return shown.joined(separator: ",") + ",+\(items.count - shown.count)"
            }
            shown.append(item)
        }
        return shown.joined(separator: ",")
    }

    /// One line per instance that is not running ready or has been restarted: its state,
    /// restarts and why its last run failed; empty when all is well.
    package static func troubles(_ entries: [ProcessEntry]) -> [String] {
        entries.filter { !$0.ready || $0.restarts > 0 || $0.problem != nil }.map { entry in
            let pid = entry.pid.map { "pid \($0), " } ?? ""
            let last = entry.problem.map { "; last failure: \($0)" } ?? ""
            return "\(entry.instanceName) (\(pid)\(entry.state)): restarts \(entry.restarts)\(last)"
        }
    }
}
