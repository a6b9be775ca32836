/// Order statistics of a set of latencies, in milliseconds.
struct LatencyStatistics: Sendable {
    /// How many latencies were measured.
    let count: Int
    /// The median.
    let p50: Double
    /// The 99th percentile.
    let p99: Double
    /// The slowest.
    let max: Double

    /// The statistics of `milliseconds` (any order).
    init(_ milliseconds: [Double]) {
        let sorted = milliseconds.sorted()
        count = sorted.count
        p50 = Self.percentile(sorted, 0.50)
        p99 = Self.percentile(sorted, 0.99)
        max = sorted.last ?? 0
    }

    /// The value below which the fraction `p` of the sorted values lies (nearest rank).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.min(Swift.max(rank, 0), sorted.count - 1)]
    }
}

extension Duration {
    /// The duration in milliseconds.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1_000_000_000_000_000
    }
}
