import Synchronization

/// Stops calling an upstream that keeps failing: after `failureThreshold` failures in a row
/// the circuit opens and calls fail at once for `openDuration`; then one trial call is let
/// through (half-open), and its success closes the circuit while its failure opens it again.
///
/// This spares a registry that is down from a retry storm and answers citizens at once
/// instead of after every timeout.
package final class CircuitBreaker: Sendable {
    private struct State {
        var consecutiveFailures = 0
        var openUntil: ContinuousClock.Instant?
        var trialInFlight = false
    }

    /// Failures in a row that open the circuit.
    package let failureThreshold: Int
    /// How long the circuit stays open before a trial call.
    package let openDuration: Duration
    private let state = Mutex(State())

    /// Makes a closed breaker.
    package init(failureThreshold: Int, openDuration: Duration) {
        self.failureThreshold = max(1, failureThreshold)
        self.openDuration = openDuration
    }

    /// Whether a call may go out now; in half-open state only the first caller gets true.
    package func permitsCall(now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { state in
            guard let openUntil = state.openUntil else { return true }
            guard now >= openUntil, !state.trialInFlight else { return false }
            state.trialInFlight = true
            return true
        }
    }

    /// Records a call that got a good answer: the circuit closes.
    package func recordSuccess() {
        state.withLock { $0 = State() }
    }

    /// Records a call that failed; opens the circuit at the threshold or after a failed trial.
    package func recordFailure(now: ContinuousClock.Instant = .now) {
        let openDuration = self.openDuration
        let threshold = failureThreshold
        state.withLock { state in
            state.consecutiveFailures += 1
            if state.trialInFlight || state.consecutiveFailures >= threshold {
                state.openUntil = now + openDuration
                state.trialInFlight = false
            }
        }
    }

    /// Whether calls are being refused now.
    package var isOpen: Bool {
        state.withLock { state in state.openUntil.map { ContinuousClock.now < $0 || state.trialInFlight } ?? false }
    }
}
