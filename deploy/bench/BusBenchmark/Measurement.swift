import Foundation
import Synchronization

/// The figures of one measured case: how many calls, in how long, and their latencies.
struct Figures: Sendable {
    /// Measured calls (warm-up excluded).
    var calls: Int
    /// Wall time of the measured calls, in seconds.
    var seconds: Double
    /// Median latency of one call, in microseconds.
    var p50: Double
    /// 99th-percentile latency of one call, in microseconds.
    var p99: Double
    /// CPU time each role used over the measured calls, when it was counted.
    var cpu: [Role: CPUTime] = [:]

    /// Calls completed per second of wall time.
    var callsPerSecond: Double { seconds > 0 ? Double(calls) / seconds : 0 }

    init(calls: Int, seconds: Double, p50: Double, p99: Double) {
        self.calls = calls
        self.seconds = seconds
        self.p50 = p50
        self.p99 = p99
    }

    /// Figures from every call's latency (microseconds) and the wall time.
    init(seconds: Double, latencies: [Double]) {
        let sorted = latencies.sorted()
        self.init(
            calls: sorted.count, seconds: seconds, p50: Self.percentile(sorted, 0.50),
            p99: Self.percentile(sorted, 0.99))
    }

    /// The value below which the fraction `p` of the sorted values lies (nearest rank).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

/// Drives calls: a fixed number of them, with a fixed number in flight.
enum LoadDriver {
    /// Makes `calls` calls with `inFlight` tasks, each of which takes the next call from a
    /// shared countdown as soon as its previous call returned; returns the wall time and each
    /// call's latency from its start to its reply.
    static func measure(
        calls: Int,
        inFlight: Int,
        _ call: @escaping @Sendable () async throws -> Void
    ) async throws -> Figures {
        let countdown = Countdown(calls)
        let clock = ContinuousClock()
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<max(1, min(inFlight, calls)) {
                group.addTask {
                    var mine: [Double] = []
                    mine.reserveCapacity(calls / max(1, inFlight) + 1)
                    while countdown.take() {
                        let began = clock.now
                        try await call()
                        mine.append(microseconds(clock.now - began))
                    }
                    return mine
                }
            }
            var all: [Double] = []
            all.reserveCapacity(calls)
            for try await part in group { all += part }
            return all
        }
        return Figures(seconds: microseconds(clock.now - start) / 1e6, latencies: latencies)
    }
}

/// A shared count of calls still to make.
final class Countdown: Sendable {
    private let remaining: Atomic<Int>

    init(_ count: Int) { remaining = Atomic(count) }

    /// Takes one call; false when none is left.
    func take() -> Bool {
        remaining.subtract(1, ordering: .relaxed).oldValue > 0
    }
}

/// A duration in microseconds.
func microseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
}
