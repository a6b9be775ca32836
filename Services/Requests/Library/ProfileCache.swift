import Foundation
import MizSchema
import Synchronization

/// The catalog profiles the requests service has seen, so a submission does not ask the
/// catalog over the bus every time.
///
/// A profile version never changes once stored, so each is kept by (code, version) for the
/// life of the process. Which version is current does change (an edit or a deactivation adds
/// one), and the desk promises an edit is visible within a second: the answer to "current
/// version of this code" is reused for at most `currentLifetime`, then asked again. Submissions
/// arriving together while that answer is being fetched wait for the one call instead of each
/// making its own. Failures (an unknown code, the catalog down) are never kept.
package final class ProfileCache: Sendable {
    private struct VersionKey: Hashable {
        let code: String
        let version: Int
    }

    private struct Current {
        let version: Int
        let fetchedAt: Date
    }

    private enum Lookup {
        case cached(ServiceProfile)
        case fetching(Task<ServiceProfile, any Error>)
    }

    private struct State {
        var versions: [VersionKey: ServiceProfile] = [:]
        var current: [String: Current] = [:]
        var pending: [String: Task<ServiceProfile, any Error>] = [:]
    }

    /// How long the current version of a code is trusted before the catalog is asked again.
    package let currentLifetime: TimeInterval
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    /// A cache trusting the current version for `currentLifetime` seconds by `now`'s clock.
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
                instant.timeIntervalSince(current.fetchedAt) < currentLifetime,
                let profile = cache.versions[VersionKey(code: code, version: current.version)]
            {
                return .cached(profile)
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

    /// The version `version` of `code` if it was seen; versions never change, so it is exact.
    package func profile(code: String, version: Int) -> ServiceProfile? {
        state.withLock { $0.versions[VersionKey(code: code, version: version)] }
    }

    private func store(_ profile: ServiceProfile, asCurrentOf code: String, fetchedAt: Date) {
        state.withLock { state in
            state.versions[VersionKey(code: code, version: profile.version)] = profile
            if let known = state.current[code], known.version > profile.version, known.fetchedAt > fetchedAt {
                return
            }
            state.current[code] = Current(version: profile.version, fetchedAt: fetchedAt)
        }
    }
}
