import ArgumentParser

/// `catalog-benchmark`: the catalog search benchmark of issue 4, run by hand.
///
/// - `search` measures the search inside the catalog service: the seed catalog loaded the
///   way the `catalog` process loads it, a fixed set of three-word Persian queries asked many
///   times, latencies in microseconds.
/// - `bare` serves one Hummingbird route with a fixed body, the baseline the gateway's search
///   route is compared with.
/// - `queries` prints the request paths of the uncached HTTP case (many distinct searches).
///
/// `deploy/bench/catalog.sh` builds and runs everything together with `wrk`;
/// `deploy/bench/CATALOG-RESULTS.md` has the figures.
@main
struct CatalogBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog-benchmark",
        abstract: "Benchmarks the catalog's search, in the service and over HTTP beside a bare route.",
        subcommands: [SearchCommand.self, BareCommand.self, QueriesCommand.self]
    )
}
