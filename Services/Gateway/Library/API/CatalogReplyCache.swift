import Metrics
import Synchronization

/// A short-lived in-memory cache of the catalog API's replies, keyed by the normalized
/// request, that also merges identical calls in flight.
///
/// Why: the catalog's public reads are the same for every caller (the gateway asks them as
/// an anonymous caller), and popular ones (the provinces, the categories, the first page, a
/// much-visited profile) arrive many times a second. Within `lifetime` they are answered from
/// memory with the body and tag made once; when an entry is missing, the first request calls
/// the catalog and the others asking for the same key at that moment wait for that one call
/// instead of each making their own.
///
/// Why so short: an edit of a profile must be visible within one second on every gateway
/// instance, and instances share nothing. An entry lives `lifetime` (at most one second,
/// 500 ms by default) counted from the moment its call *started*, so a reply older than an
/// edit is never served later than `lifetime` after the edit. Clients and shared caches
/// revalidate with `If-None-Match` (`Cache-Control: public, no-cache`), so they add no
/// delay of their own.
///
/// Errors are not cached: a 404 or an unavailable catalog is asked again next time. The
/// number of entries is capped (`capacity`), because keys hold text people type; when full,
/// expired entries go first, then everything. `miz_gateway_catalog_cache_total` counts the
/// lookups by `result` (`hit`, `shared`, `miss`), to see whether the cache pays.
package final class CatalogReplyCache: Sendable {
    /// The longest lifetime allowed, set by the one-second visibility rule.
    package static let maximumLifetime: Duration = .seconds(1)
    /// The lifetime of a gateway's cache unless told otherwise.
    package static let defaultLifetime: Duration = .milliseconds(500)

    private struct Entry {
        let reply: APIReply
        let expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var inFlight: [String: Task<APIReply, any Error>] = [:]
    }

    private enum Lookup {
        case hit(APIReply)
        case shared(Task<APIReply, any Error>)
        case miss(Task<APIReply, any Error>)
    }

    /// How long an entry is served, from the start of the call that made it.
    package let lifetime: Duration
    /// The most entries kept.
    package let capacity: Int
    private let state = Mutex(State())
    private let hits = Counter(label: "miz_gateway_catalog_cache_total", dimensions: [("result", "hit")])
    private let shared = Counter(label: "miz_gateway_catalog_cache_total", dimensions: [("result", "shared")])
    private let misses = Counter(label: "miz_gateway_catalog_cache_total", dimensions: [("result", "miss")])

    /// A cache whose entries live `lifetime` (clamped to 0…`maximumLifetime`); zero keeps
    /// nothing but still merges identical calls in flight.
    /// The time source; tests pass a clock they move themselves.
    private let now: @Sendable () -> ContinuousClock.Instant

    package init(
        lifetime: Duration = CatalogReplyCache.defaultLifetime,
        capacity: Int = 1024,
        clock now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.lifetime = min(max(lifetime, .zero), Self.maximumLifetime)
        self.capacity = max(1, capacity)
        self.now = now
    }

    /// The cached reply for `key`, or the reply of `load`, shared with every caller asking for
    /// `key` while it runs.
    ///
    /// `load` runs in its own task, so a client that goes away does not cancel the call the
    /// others wait for; the bus call's own deadline bounds it.
    package func reply(
        for key: String, load: @escaping @Sendable () async throws -> APIReply
    ) async throws -> APIReply {
        let started = now()
        let lookup: Lookup = state.withLock { state in
            if let entry = state.entries[key], entry.expires > started { return .hit(entry.reply) }
            if let running = state.inFlight[key] { return .shared(running) }
            let task = Task<APIReply, any Error> {
                do {
                    let reply = try await load()
                    self.finish(key, with: reply, startedAt: started)
                    return reply
                } catch {
                    self.finish(key, with: nil, startedAt: started)
                    throw error
                }
            }
            state.inFlight[key] = task
            return .miss(task)
        }
        switch lookup {
        case .hit(let reply):
            hits.increment()
            return reply
        case .shared(let task):
            shared.increment()
            return try await task.value
        case .miss(let task):
            misses.increment()
            return try await task.value
        }
    }

    /// How many entries are held now, expired ones included; for tests and metrics.
    package var count: Int {
        state.withLock { $0.entries.count }
    }

    /// Forgets every entry.
    package func removeAll() {
        state.withLock { $0.entries.removeAll() }
    }

    /// Ends the call for `key` and stores its reply, if any and if the cache keeps anything.
    private func finish(_ key: String, with reply: APIReply?, startedAt started: ContinuousClock.Instant) {
        state.withLock { state in
            state.inFlight[key] = nil
            guard let reply, lifetime > .zero else { return }
            let current = now()
            if state.entries[key] == nil && state.entries.count >= capacity {
                state.entries = state.entries.filter { $0.value.expires > current }
                if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            }
            state.entries[key] = Entry(reply: reply, expires: started.advanced(by: lifetime))
        }
    }
}
