import Foundation
import Logging
import ServiceLifecycle

/// Removes files of the documents folder that no row names: left by a submit whose
/// transaction failed or whose process died after its files were written (files are always
/// written first). It runs at start and then every `interval`.
///
/// Only files nobody kept within `minimumAge` are candidates, and each is removed only if it
/// was not kept again meanwhile (`DocumentVault.remove(sha256:unlessKeptSince:)`): a
/// transaction of any instance that is about to refer to a file has kept it moments before,
/// so the sweep never takes it. `minimumAge` must exceed the longest transaction, which is
/// seconds; an hour leaves room for clocks of machines sharing a folder to differ.
package struct DocumentSweeper: Service {
    /// How old an unreferenced file must be before it goes.
    package static let defaultMinimumAge: TimeInterval = 3600
    /// How often the sweep runs after the first one at start.
    package static let defaultInterval: Duration = .seconds(3600)
    /// How many digests one store query checks.
    private static let batchSize = 500

    package let vault: any DocumentVault
    package let store: any RequestStore
    package let minimumAge: TimeInterval
    package let interval: Duration
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// A sweeper of `vault`'s files against `store`'s rows.
    package init(
        vault: any DocumentVault, store: any RequestStore, minimumAge: TimeInterval = defaultMinimumAge,
        interval: Duration = defaultInterval, logger: Logger = Logger(label: "miz.requests.documents"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.vault = vault
        self.store = store
        self.minimumAge = minimumAge
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    package func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try await self.sweep()
                    if removed > 0 {
                        self.logger.info(
                            "orphan documents removed", metadata: ["miz.documents.removed": "\(removed)"])
                    }
                } catch {
                    self.logger.error("document sweep failed", metadata: ["miz.error": "\(error)"])
                }
                // A timer, not a poll: the next sweep is due an interval later whatever happens.
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Sweeps once: removes leftovers of interrupted writes and sweeps, then every file older
    /// than `minimumAge` that no row names.
    ///
    /// - Returns: how many files were removed.
    @discardableResult
    package func sweep() async throws -> Int {
        let cutoff = now().addingTimeInterval(-minimumAge)
        var removed = try await vault.removeLeftovers(olderThan: cutoff)
        let candidates = try await vault.files(keptBefore: cutoff)
        var start = candidates.startIndex
        while start < candidates.endIndex {
            let batch = Array(candidates[start..<min(start + Self.batchSize, candidates.endIndex)])
            start += batch.count
            let referenced = try await store.referencedDocuments(among: batch)
            for digest in batch where !referenced.contains(digest) {
                if try await vault.remove(sha256: digest, unlessKeptSince: cutoff) { removed += 1 }
            }
        }
        return removed
    }
}
