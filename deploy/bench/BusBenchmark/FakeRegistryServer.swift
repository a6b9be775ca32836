import Foundation
import Hummingbird
import IdentityVerifier
import Logging

/// An upstream civil registry and mobile-ownership service on 127.0.0.1 that speaks the
/// identity-verifier's upstream protocol and answers every lookup after a fixed latency, as a
/// remote registry would: the benchmark's stand-in for ثبت احوال and شاهکار.
struct FakeRegistryServer {
    let port: Int
    private let task: Task<Void, any Error>

    var registryURL: String { "http://127.0.0.1:\(port)/registry" }
    var mobileURL: String { "http://127.0.0.1:\(port)/mobile" }

    /// Starts the server with `citizens` on record, answering each lookup after `latency`.
    static func start(citizens: [SyntheticCitizen], latency: Duration) async throws -> FakeRegistryServer {
        let byCode = Dictionary(citizens.map { ($0.nationalCode, $0) }, uniquingKeysWith: { first, _ in first })
        let router = Router()
        router.post("registry") { request, _ -> Response in
            let query = try await decode(UpstreamRegistryProtocol.PersonQuery.self, request)
            try await Task.sleep(for: latency)
            guard let citizen = byCode[query.nationalCode], citizen.birthDate == query.birthDate else {
                return try json(UpstreamRegistryProtocol.PersonAnswer(match: false))
            }
            return try json(
                UpstreamRegistryProtocol.PersonAnswer(
                    match: true, firstName: citizen.firstName, lastName: citizen.lastName))
        }
        router.post("mobile") { request, _ -> Response in
            let query = try await decode(UpstreamRegistryProtocol.OwnershipQuery.self, request)
            try await Task.sleep(for: latency)
            return try json(
                UpstreamRegistryProtocol.OwnershipAnswer(owned: byCode[query.nationalCode]?.mobile == query.mobile))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-registry")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw BenchmarkError("the fake registry could not listen")
        }
        return FakeRegistryServer(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 1 << 16)
        return try JSONDecoder().decode(T.self, from: Data(String(buffer: buffer).utf8))
    }

    private static func json(_ value: some Encodable) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(value))))
    }
}
