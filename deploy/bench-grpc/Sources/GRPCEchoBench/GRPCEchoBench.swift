import ArgumentParser

/// `grpc-echo-bench`: the gRPC side of the bus benchmark. `serve` runs a unary echo server;
/// `load` calls it and prints one JSON line of figures that `bus-benchmark run` reads.
@main
struct GRPCEchoBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grpc-echo-bench",
        abstract: "A unary gRPC echo server and load client over raw bytes (no protobuf).",
        subcommands: [Serve.self, Load.self]
    )
}
