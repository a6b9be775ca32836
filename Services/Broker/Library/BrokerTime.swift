import Foundation

/// A moment as the broker's state machine sees it: a monotonic instant for heartbeats and
/// queue waits, and the wall-clock time for callers' deadlines, which travel as UTC.
///
/// The state machine never reads a clock itself; the I/O loop passes one of these in, and
/// tests make their own and move them forward.
package struct BrokerTime: Sendable, Equatable {
    /// Monotonic time: what heartbeat and queue timers are measured with.
    package var monotonic: ContinuousClock.Instant
    /// Milliseconds since 1970 (UTC): what `Envelope.deadlineMilliseconds` is compared with.
    package var wallClockMilliseconds: Int64

    /// Makes a moment from its two readings.
    package init(monotonic: ContinuousClock.Instant, wallClockMilliseconds: Int64) {
        self.monotonic = monotonic
        self.wallClockMilliseconds = wallClockMilliseconds
    }

    /// Reads both clocks now; only the I/O loop calls this.
    package static func now() -> BrokerTime {
        BrokerTime(
            monotonic: .now,
            wallClockMilliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded())
        )
    }

    /// The moment a duration later on both clocks, for tests that step time forward.
    package func advanced(by duration: Duration) -> BrokerTime {
        BrokerTime(
            monotonic: monotonic.advanced(by: duration),
            wallClockMilliseconds: wallClockMilliseconds + duration.wholeMilliseconds
        )
    }

    /// The wall-clock time as a date, for envelopes the broker makes itself.
    package var date: Date { Date(timeIntervalSince1970: Double(wallClockMilliseconds) / 1000) }
}

extension Duration {
    /// The duration in whole milliseconds, rounded towards zero.
    package var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// The duration in milliseconds rounded up, so a poll that waits this long wakes at or
    /// after the deadline, never just before it.
    package var millisecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        let whole = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return attoseconds % 1_000_000_000_000_000 > 0 ? whole + 1 : whole
    }
}
