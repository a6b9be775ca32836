import Logging

/// The claim-and-attempt loop every outbox relay shares: claim a batch of due items, attempt
/// each, and go on until a claim comes back empty, so a backlog drains in one wake-up.
package enum OutboxBatches {
    /// Claims and attempts batches until none is left or the task is cancelled.
    ///
    /// A failed claim is logged and ends this round (the relay's loop tries again at its next
    /// wake-up); items of one batch are attempted concurrently when `concurrently` is set.
    ///
    /// - Returns: the number of items attempted.
    @discardableResult
    package static func drain<Item: Sendable>(
        claim: () async throws -> [Item],
        concurrently: Bool = true,
        logger: Logger,
        attempt: @escaping @Sendable (Item) async -> Void
    ) async -> Int {
        var made = 0
        while !Task.isCancelled {
            let batch: [Item]
            do {
                batch = try await claim()
            } catch {
                if Task.isCancelled { return made }
                logger.error("cannot claim the outbox", metadata: ["miz.error": "\(error)"])
                return made
            }
            if batch.isEmpty { return made }
            if concurrently {
                await withTaskGroup(of: Void.self) { group in
                    for item in batch {
                        group.addTask { await attempt(item) }
                    }
                }
            } else {
                for item in batch { await attempt(item) }
            }
            made += batch.count
        }
        return made
    }
}
