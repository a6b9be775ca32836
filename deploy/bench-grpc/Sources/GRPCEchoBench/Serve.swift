import ArgumentParser
import GRPCCore
import GRPCNIOTransportHTTP2Posix

/// Runs the echo server on loopback until the process is killed.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serves /miz.bench.Echo/Say on 127.0.0.1.")

    @Option(help: "The TCP port to listen on.")
    var port: Int = 5591

    func run() async throws {
        let server = GRPCServer(
            transport: .http2NIOPosix(
                address: .ipv4(host: "127.0.0.1", port: port),
                transportSecurity: .plaintext
            ),
            services: [EchoService()]
        )
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            if let address = try await server.listeningAddress {
                print("listening \(address)")
            }
        }
    }
}

/// The echo service: returns the request's bytes.
struct EchoService: RegistrableRPCService {
    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: EchoMethod.descriptor,
            deserializer: RawBytesDeserializer(),
            serializer: RawBytesSerializer()
        ) { request, context in
            let single = try await ServerRequest(stream: request)
            return StreamingServerResponse(single: ServerResponse(message: single.message))
        }
    }
}
