import Foundation
import MizSchema
import Synchronization

/// The current catalog profile of each service code the requests service has seen, so a
/// submission does not ask the catalog over the bus every time.
///
/// Which version of a code is current changes (an edit or a deactivation adds one), and the
/// desk promises an edit is visible within a second: the current profile of a code is reused
/// for at most `currentLifetime`, then asked again. Submissions arriving together while that
/// answer is being fetched wait for the one call instead of each making its own. Failures (an
/// unknown code, the catalog down) are never kept.
package final class ProfileCache: Sendable {
    private struct Current {
        let profile: ServiceProfile
        let fetchedAt: Date
    }

    private enum Lookup {
        case cached(ServiceProfile)
        case fetching(Task<ServiceProfile, any Error>)
    }

    private struct State {
        var current: [String: Current] = [:]
        var pending: [String: Task<ServiceProfile, any Error>] = [:]
    }

    /// How long the current profile of a code is trusted before the catalog is asked again.
    package let currentLifetime: TimeInterval
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    /// A cache trusting the current profile for `currentLifetime` seconds by `now`'s clock.
    package init(currentLifetime: TimeInterval = 1, now: @escaping @Sendable () -> Date = { Date() }) {
        self.currentLifetime = currentLifetime
        self.now = now
    }

    /// The current profile of `code`: the one seen less than `currentLifetime` ago, or the
    /// one `fetch` returns (shared by every caller waiting for the same code).
    package func current(
        code: String, fetch: @escaping @Sendable (String) async throws -> ServiceProfile
    ) async throws -> ServiceProfile {
        let instant = now()
        let lookup: Lookup = state.withLock { cache in
            if let current = cache.current[code], instant >= current.fetchedAt,
                instant.timeIntervalSince(current.fetchedAt) < currentLifetime
            {
                return .cached(current.profile)
            }
            if let pending = cache.pending[code] { return .fetching(pending) }
            let fetching = Task { [self] in
                defer { state.withLock { _ = $0.pending.removeValue(forKey: code) } }
                let profile = try await fetch(code)
                store(profile, asCurrentOf: code, fetchedAt: instant)
                return profile
            }
            cache.pending[code] = fetching
            return .fetching(fetching)
        }
        switch lookup {
        case .cached(let profile): return profile
        case .fetching(let task): return try await task.value
        }
    }

    /// Keeps `profile` as the current one of `code` unless a newer version fetched later is
    /// already kept (a slow fetch must not bring back an older version).
    private func store(_ profile: ServiceProfile, asCurrentOf code: String, fetchedAt: Date) {
        state.withLock { state in
            if let known = state.current[code], known.profile.version > profile.version,
                known.fetchedAt > fetchedAt
            {
                return
            }
            state.current[code] = Current(profile: profile, fetchedAt: fetchedAt)
        }
    }
}
