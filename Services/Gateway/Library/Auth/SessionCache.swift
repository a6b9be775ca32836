import Foundation
import MizBus
import MizSchema
import Synchronization

/// A short positive cache of resolved sessions, so a page with several requests does not ask
/// `identity.session` for each. Only valid sessions are cached, for at most `lifetime`
/// (5 seconds by default; a revoked session can thus live that long on another gateway
/// instance), and logout drops the entry here at once.
package final class SessionCache: Sendable {
    private struct Entry {
        var status: IdentitySessionStatus
        var until: ContinuousClock.Instant
    }

    /// How long an answer is kept.
    package let lifetime: Duration
    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    package init(lifetime: Duration = .seconds(5), capacity: Int = 10_000) {
        self.lifetime = min(lifetime, .seconds(5))
        self.capacity = capacity
    }

    /// The cached session of a token, if fresh.
    package func status(for token: String) -> IdentitySessionStatus? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.until > now else {
                entries[token] = nil
                return nil
            }
            return entry.status
        }
    }

    /// Keeps a valid session's answer, never past the session's own expiry.
    package func store(_ status: IdentitySessionStatus, for token: String) {
        guard lifetime > .zero, status.expiresAt.timeIntervalSinceNow > lifetime.seconds else { return }
        let until = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count >= capacity {
                let now = ContinuousClock.now
                entries = entries.filter { $0.value.until > now }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[token] = Entry(status: status, until: until)
        }
    }

    /// Forgets a token (logout).
    package func remove(_ token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }

    /// Forgets every session of a staff account (disabled or changed by an administrator),
    /// so on this instance the change applies at once; other instances within `lifetime`.
    package func removeStaff(id: String) {
        entries.withLock { entries in entries = entries.filter { $0.value.status.caller.staffId != id } }
    }
}
