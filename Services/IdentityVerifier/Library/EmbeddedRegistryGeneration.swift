import Logging
import ServiceLifecycle

/// Generates the embedded registry in the background on first start, so the process answers
/// `/live` at once; until it is done `/ready` is false and lookups answer `unavailable`.
/// Then it waits for shutdown, as a service of the process's group must.
package struct EmbeddedRegistryGeneration: Service {
    /// The registry to fill.
    package let registry: EmbeddedRegistry
    /// Synthetic citizens to generate.
    package let count: Int
    /// The generator's seed.
    package let seed: UInt64
    package let logger: Logger

    /// Makes the service.
    package init(registry: EmbeddedRegistry, count: Int, seed: UInt64, logger: Logger) {
        self.registry = registry
        self.count = count
        self.seed = seed
        self.logger = logger
    }

    package func run() async throws {
        let started = ContinuousClock.now
        let written = try await registry.populate(count: count, seed: seed)
        if written > 0 {
            let elapsed = ContinuousClock.now - started
            let milliseconds =
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            logger.info(
                "embedded registry generated",
                metadata: ["miz.identity.citizens": "\(written)", "miz.identity.generation_ms": "\(milliseconds)"])
        }
        try await gracefulShutdown()
    }
}
