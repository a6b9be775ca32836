/// Order statistics of a set of latencies, in microseconds.
struct LatencyStatistics: Sendable {
    /// How many latencies were measured.
    let count: Int
    /// The median.
    let p50: Double
    /// The 90th percentile.
    let p90: Double
    /// The 99th percentile.
    let p99: Double
    /// The slowest.
    let max: Double
    /// The sum of all latencies, in seconds: the time spent in the measured code.
    let totalSeconds: Double

    /// Queries per second of measured time, as one thread asking one query after another.
    var perSecond: Double { totalSeconds > 0 ? Double(count) / totalSeconds : 0 }

    /// The statistics of `microseconds` (any order).
    init(_ microseconds: [Double]) {
        let sorted = microseconds.sorted()
        count = sorted.count
        p50 = Self.percentile(sorted, 0.50)
        p90 = Self.percentile(sorted, 0.90)
        p99 = Self.percentile(sorted, 0.99)
        max = sorted.last ?? 0
        totalSeconds = sorted.reduce(0, +) / 1_000_000
    }

    /// The value below which the fraction `p` of the sorted values lies (nearest rank).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.min(Swift.max(rank, 0), sorted.count - 1)]
    }
}

extension Duration {
    /// The duration in microseconds.
    var microseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000
    }
}
