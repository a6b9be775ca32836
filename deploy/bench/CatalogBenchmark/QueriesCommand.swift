import ArgumentParser
import Catalog
import MizPersian

/// `catalog-benchmark queries`: prints the request paths of the HTTP cases, one a line, for
/// wrk's Lua script.
///
/// With `--headline` only the cached case's path (the same search every time). Otherwise
/// `--count` distinct searches, each also with every province as a filter when
/// `--provinces`, shuffled: many more distinct reply-cache keys than the gateway's cache
/// holds or sees twice within its lifetime, so nearly every request misses it.
struct QueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "Prints the GET /api/v1/services paths of the HTTP cases, one a line."
    )

    @Flag(help: "Only the path of the cached case's search.")
    var headline = false

    @Option(help: "Distinct search texts.")
    var count = 200

    @Flag(help: "Also ask each text filtered by each of the 31 provinces.")
    var provinces = false

    func run() throws {
        if headline {
            print(BenchmarkQueries.path(BenchmarkQueries.headline))
            return
        }
        let texts = BenchmarkQueries.generated(from: try SeedCatalog.bundled(), count: count)
        let filters: [String?] = provinces ? [nil] + Province.all.map(\.slug) : [nil]
        var paths = texts.flatMap { text in filters.map { BenchmarkQueries.path(text, province: $0) } }
        var generator = SplitMix64(seed: 4)
        paths.shuffle(using: &generator)
        print(paths.joined(separator: "\n"))
    }
}

/// A small seeded generator, so the shuffled list is the same in every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// A generator starting from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
