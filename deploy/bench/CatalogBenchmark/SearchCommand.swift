import ArgumentParser
import Catalog
import Foundation
import MizSchema

/// `catalog-benchmark search`: the catalog's search measured inside the service.
///
/// The seed catalog is stored and indexed exactly as the `catalog` process does at start
/// (`SQLiteCatalogStore` in a temporary folder, `CatalogRoutes.open` with the bundled
/// `SeedCatalog`, the default one-second index refresh). Then every query of
/// `BenchmarkQueries.fixed` is asked `iterations` times after `warmup` unmeasured times,
/// round-robin, at three depths:
///
/// - `index`: `CatalogSearchIndex.search` alone, what `miz_catalog_search_seconds` times;
/// - `route`: `CatalogRoutes.search`, the whole `catalog.search` handler (the index's
///   freshness check, the query's validation and the search);
/// - `route + reply JSON`: the handler and the encoding of its reply as `BusWorker` does it,
///   everything the catalog does for a call between receiving and sending its frames.
///
/// The target (issue 4) is a p99 under 5 ms for a three-word query, measured inside the
/// service; the verdict is taken on the deepest level.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Measures catalog search latency inside the service over the seed catalog."
    )

    /// The issue's target for the p99 of a three-word query, in microseconds.
    static let targetP99Microseconds = 5_000.0

    @Option(help: "Measured searches per query and level.")
    var iterations = 2_000

    @Option(help: "Unmeasured searches per query and level first.")
    var warmup = 200

    @Option(help: "Results per page, as the API's default.")
    var pageSize = CatalogSearchQuery.defaultPageSize

    func validate() throws {
        guard iterations > 0, warmup >= 0, pageSize > 0 else {
            throw ValidationError("--iterations and --page-size must be positive, --warmup not negative")
        }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("miz-catalog-benchmark-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let seed = try SeedCatalog.bundled()
        let store = try SQLiteCatalogStore(path: folder.appendingPathComponent(CatalogService.databaseFileName).path)
        let (routes, _) = try await CatalogRoutes.open(store: store, seed: seed)
        let index = try await routes.index.current()
        let queries = BenchmarkQueries.fixed
        let encoder = ReplyEncoder()

        var samples = Samples(levels: Level.allCases.count, queries: queries.count)
        var hits = [Int](repeating: 0, count: queries.count)
        let clock = ContinuousClock()
        let started = clock.now
        for round in 0..<(warmup + iterations) {
            let measured = round >= warmup
            for (number, query) in queries.enumerated() {
                let request = CatalogSearchQuery(text: query.text, pageSize: pageSize)
                var begin = clock.now
                let direct = index.search(query.text, filter: .init(), page: 1, pageSize: pageSize)
                let indexTime = clock.now - begin
                begin = clock.now
                let routed = try await routes.search(request, caller: .anonymous)
                let routeTime = clock.now - begin
                begin = clock.now
                let encoded = try encoder.encode(try await routes.search(request, caller: .anonymous))
                let replyTime = clock.now - begin
                guard measured else { continue }
                hits[number] = direct.total
                precondition(direct.total == routed.total && !encoded.isEmpty)
                samples.add(indexTime, level: .index, query: number)
                samples.add(routeTime, level: .route, query: number)
                samples.add(replyTime, level: .reply, query: number)
            }
        }
        let wall = clock.now - started

        print(
            "catalog-benchmark search: \(seed.services.count) seed services, \(queries.count) three-word queries "
                + "× \(iterations) measured (after \(warmup) warm-up) per level, page size \(pageSize), "
                + "\(String(format: "%.1f", wall.microseconds / 1_000_000)) s")
        print("")
        print("| level | searches | p50 µs | p90 µs | p99 µs | max µs | searches/s (one thread) |")
        print("|---|--:|--:|--:|--:|--:|--:|")
        for level in Level.allCases {
            let figures = LatencyStatistics(samples.all(level: level))
            print(
                "| \(level.title) | \(figures.count) | \(Self.format(figures.p50)) | \(Self.format(figures.p90)) "
                    + "| \(Self.format(figures.p99)) | \(Self.format(figures.max)) | \(Self.format(figures.perSecond)) |"
            )
        }
        print("")
        print("| query | kind | matches | index p50 µs | index p99 µs | route + reply p99 µs |")
        print("|---|---|--:|--:|--:|--:|")
        for (number, query) in queries.enumerated() {
            let direct = LatencyStatistics(samples.of(level: .index, query: number))
            let reply = LatencyStatistics(samples.of(level: .reply, query: number))
            print(
                "| \(query.text) | \(query.kind.rawValue) | \(hits[number]) | \(Self.format(direct.p50)) "
                    + "| \(Self.format(direct.p99)) | \(Self.format(reply.p99)) |")
        }
        let verdict = LatencyStatistics(samples.all(level: .reply)).p99
        print("")
        print(
            "target: p99 < \(Self.format(Self.targetP99Microseconds)) µs inside the service (route + reply): "
                + "\(Self.format(verdict)) µs → \(verdict < Self.targetP99Microseconds ? "MET" : "MISSED")")
    }

    /// A figure rounded for the table.
    static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    /// How deep into the service a measurement reaches.
    enum Level: Int, CaseIterable {
        case index, route, reply

        /// The name in the table.
        var title: String {
            switch self {
            case .index: "index (`CatalogSearchIndex.search`)"
            case .route: "route (`CatalogRoutes.search`)"
            case .reply: "route + reply JSON (as `BusWorker` encodes it)"
            }
        }
    }

    /// Latencies in microseconds by level and query.
    struct Samples {
        private var values: [[[Double]]]

        /// Empty samples for `levels` levels of `queries` queries.
        init(levels: Int, queries: Int) {
            values = Array(repeating: Array(repeating: [], count: queries), count: levels)
        }

        /// Adds one latency.
        mutating func add(_ duration: Duration, level: Level, query: Int) {
            values[level.rawValue][query].append(duration.microseconds)
        }

        /// Every latency of a level.
        func all(level: Level) -> [Double] { values[level.rawValue].flatMap { $0 } }

        /// The latencies of one query at one level.
        func of(level: Level, query: Int) -> [Double] { values[level.rawValue][query] }
    }

    /// Encodes a reply the way `BusWorker` does, with `WireCoding.encoder`.
    struct ReplyEncoder {
        /// The reply's payload bytes.
        func encode(_ results: CatalogSearchResults) throws -> Data {
            try WireCoding.encoder.encode(results)
        }
    }
}
