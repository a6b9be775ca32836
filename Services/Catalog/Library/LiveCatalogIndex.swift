import Synchronization

/// The search index of this instance, kept current with the store.
///
/// Reads use the index in memory. At most once per `refreshInterval` a read first asks the
/// store for its revision (one small query) and rebuilds the index when another instance
/// has written since; this instance's own writes rebuild it at once. So an edit shows up here
/// immediately and in other instances sharing the store within the interval.
package final class LiveCatalogIndex: Sendable {
    private struct State {
        var index: CatalogSearchIndex
        var checkedAt: ContinuousClock.Instant
    }

    private let store: any CatalogStore
    private let refreshInterval: Duration
    private let state: Mutex<State>

    /// Builds the first index from the store.
    package init(store: any CatalogStore, refreshInterval: Duration = .seconds(1)) async throws {
        self.store = store
        self.refreshInterval = refreshInterval
        let index = CatalogSearchIndex(snapshot: try await store.snapshot())
        state = Mutex(State(index: index, checkedAt: .now))
    }

    /// The index, rebuilt first if the store has changed and the interval has passed.
    package func current() async throws -> CatalogSearchIndex {
        let (index, checkedAt) = state.withLock { ($0.index, $0.checkedAt) }
        guard ContinuousClock.now - checkedAt >= refreshInterval else { return index }
        let revision = try await store.revision()
        if revision == index.revision {
            state.withLock { $0.checkedAt = .now }
            return index
        }
        return try await reload()
    }

    /// Rebuilds the index from the store now, as after a write.
    @discardableResult
    package func reload() async throws -> CatalogSearchIndex {
        let fresh = CatalogSearchIndex(snapshot: try await store.snapshot())
        return state.withLock { state in
            // Two reloads may race; keep the newer catalog.
            if fresh.revision >= state.index.revision { state.index = fresh }
            state.checkedAt = .now
            return state.index
        }
    }
}
