/// The wait before restarting a crashed process: 1 s, doubling on each crash up to 30 s, and
/// back to 1 s once the process had run for 60 s before it crashed.
package struct RestartBackoff: Sendable, Equatable {
    /// The first wait.
    package var initial: Duration
    /// The longest wait.
    package var maximum: Duration
    /// A run this long counts as healthy: the next crash waits `initial` again.
    package var resetAfter: Duration
    /// The wait the next crash gets, unless the run was long enough to reset it.
    package private(set) var next: Duration

    /// A policy with the desk's figures by default.
    package init(initial: Duration = .seconds(1), maximum: Duration = .seconds(30), resetAfter: Duration = .seconds(60))
    {
        self.initial = initial
        self.maximum = maximum
        self.resetAfter = resetAfter
        self.next = initial
    }

    /// The wait before restarting a process that ran for `ranFor` and then ended, and the
    /// policy moved on for the crash after.
    package mutating func delay(afterRunning ranFor: Duration) -> Duration {
        if ranFor >= resetAfter { next = initial }
        let delay = next
        next = min(next * 2, maximum)
        return delay
    }
}
