import Foundation
import Logging
import MizBus
import Synchronization

/// Wakes an outbox relay when work is queued, so delivery starts at once without polling; a
/// signal that comes while the relay is busy is remembered for its next wait. The notifier's
/// SMS relay and the feedback service's notification relay use it.
package final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Makes a signal with nothing pending.
    package init() {}

    /// Wakes every waiter, or the next one to wait.
    package func signal() {
        let waiters = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.pending = true
                return [CheckedContinuation<Void, Never>]()
            }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns on a signal (at once if one is pending), after `timeout`, or when the task is
    /// cancelled.
    package func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.nextSignal() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func nextSignal() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

extension WakeSignal {
    /// Runs an outbox relay until its task is cancelled: delivers what is due, then waits for
    /// this signal, for the next due time that `nextWake` reports, or at most `idleCheck`,
    /// whichever comes first. The notifier's, the requests service's and the feedback
    /// service's relays share it, so none of them polls.
    package func runRelay(
        idleCheck: Duration,
        now: @Sendable () -> Date,
        logger: Logger,
        deliverDue: () async -> Void,
        nextWake: () async throws -> Date?
    ) async {
        while !Task.isCancelled {
            await deliverDue()
            var wait = idleCheck
            do {
                if let next = try await nextWake() {
                    let seconds = max(0, min(next.timeIntervalSince(now()), idleCheck.seconds))
                    wait = .milliseconds(Int64((seconds * 1000).rounded(.up)))
                }
            } catch {
                if Task.isCancelled { return }
                logger.error("cannot read the outbox", metadata: ["miz.error": "\(error)"])
                wait = min(wait, .seconds(5))
            }
            if wait > .zero { await self.wait(timeout: wait) }
        }
    }
}
