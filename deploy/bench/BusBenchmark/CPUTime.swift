import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// CPU time a process has used, split into user and kernel (system) time, in seconds, as
/// `/proc/<pid>/stat` counts it (clock ticks, usually 10 ms).
struct CPUTime: Sendable {
    var user: Double
    var system: Double

    static let zero = CPUTime(user: 0, system: 0)

    /// The CPU time of a process (all its threads) so far, or nil when it is gone.
    static func of(_ pid: pid_t) -> CPUTime? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // After the command name in parentheses: state is field 3, utime 14, stime 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return CPUTime(user: user / ticks, system: system / ticks)
    }

    static func - (lhs: CPUTime, rhs: CPUTime) -> CPUTime {
        CPUTime(user: lhs.user - rhs.user, system: lhs.system - rhs.system)
    }

    static func + (lhs: CPUTime, rhs: CPUTime) -> CPUTime {
        CPUTime(user: lhs.user + rhs.user, system: lhs.system + rhs.system)
    }
}

/// The part a process plays in a case, for the CPU table.
enum Role: String, CaseIterable, Sendable {
    /// The calling side: this driver process, or the gRPC load client.
    case client
    /// The Majordomo broker.
    case broker
    /// The echo service: bus worker processes, the raw REP echo, or the gRPC server.
    case server
}

/// CPU time per role over the measured part of a case.
struct CPUSample: Sendable {
    private var pids: [(Role, pid_t)]
    private var start: [Role: CPUTime] = [:]

    /// Starts counting for the given processes.
    init(_ pids: [(Role, pid_t)]) {
        self.pids = pids
        start = totals()
    }

    /// CPU time used by each role since `init`.
    func elapsed() -> [Role: CPUTime] {
        totals().merging(start) { now, then in now - then }
    }

    private func totals() -> [Role: CPUTime] {
        var totals: [Role: CPUTime] = [:]
        for (role, pid) in pids {
            totals[role, default: .zero] = totals[role, default: .zero] + (CPUTime.of(pid) ?? .zero)
        }
        return totals
    }
}
