import Synchronization

/// A short-lived cache of the registries' *positive* answers (a person found, a mobile owned),
/// so a citizen who logs in twice in a few minutes costs the upstream one lookup.
///
/// Only confirmations are stored: a mismatch is never cached, so a citizen who corrects a typo
/// is checked afresh, and nothing ever turns a «no» into a «yes».
package final class PositiveAnswerCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var expires: ContinuousClock.Instant
    }

    /// How long an answer is kept.
    package let lifetime: Duration
    /// The most answers kept; expired ones are dropped first, then the cache starts afresh.
    package let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    /// Makes an empty cache; a zero `lifetime` disables it.
    package init(lifetime: Duration, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
    }

    /// The answer for `key` while it is fresh.
    package func value(for key: Key, now: ContinuousClock.Instant = .now) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now < entry.expires else {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Keeps a positive answer for `lifetime`.
    package func store(_ value: Value, for key: Key, now: ContinuousClock.Instant = .now) {
        guard lifetime > .zero else { return }
        let expires = now + lifetime
        let capacity = self.capacity
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil {
                entries = entries.filter { now < $0.value.expires }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(value: value, expires: expires)
        }
    }
}
