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
