import ArgumentParser

/// `bus-benchmark`: measures the bus side by side with raw libzmq and gRPC, in one run.
///
/// `run` is the driver; it starts the other subcommands (`worker`, `rep-echo`), the `broker`
/// and the gRPC peer (`grpc-echo-bench` from `deploy/bench-grpc`) as child processes.
/// `deploy/bench/run.sh` builds everything and runs it; `deploy/BENCHMARKS.md` has figures.
@main
struct BusBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus-benchmark",
        abstract: "Benchmarks the Miz bus against raw libzmq REQ/REP and gRPC unary calls.",
        subcommands: [
            RunCommand.self, IdentityCommand.self, EchoWorkerCommand.self, RepEchoCommand.self, CodecCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
