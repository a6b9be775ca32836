import ArgumentParser

/// `requests-benchmark`: the requests benchmark of issue 6, run by hand.
///
/// - `inbox` measures the inbox listing an official sees, inside the service: a
///   `SQLiteRequestStore` filled with 10,000 requests, the route's inbox queries asked many
///   times, latencies in milliseconds.
///
/// `deploy/bench/requests.sh` builds and runs it.
@main
struct RequestsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests-benchmark",
        abstract: "Benchmarks the requests service: the staff inbox in the service, submissions over HTTP.",
        subcommands: [InboxCommand.self, SubmitCommand.self]
    )
}
