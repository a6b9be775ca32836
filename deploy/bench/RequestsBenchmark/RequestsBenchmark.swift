import ArgumentParser

/// `requests-benchmark`: the requests benchmark of issue 6, run by hand.
///
/// - `inbox` measures the inbox listing an official sees, inside the service: a
///   `SQLiteRequestStore` filled with 10,000 requests, the route's inbox queries asked many
///   times, latencies in milliseconds.
/// - `submit` logs synthetic citizens in over HTTP and keeps applications with a PDF per
///   document in flight against a running desk's gateway: submissions/s, latencies, errors.
///
/// `deploy/bench/requests.sh` builds everything, starts a desk on free ports with its own data
/// folder, runs both and stops the desk.
@main
struct RequestsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests-benchmark",
        abstract: "Benchmarks the requests service: the staff inbox in the service, submissions over HTTP.",
        subcommands: [InboxCommand.self, SubmitCommand.self]
    )
}
