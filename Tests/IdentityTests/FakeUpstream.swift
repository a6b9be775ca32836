import Foundation
import Hummingbird
import IdentityVerifier
import Logging
import NIOCore
import Synchronization

/// A real HTTP server on 127.0.0.1 speaking the upstream registry protocol, with faults
/// injected per request from a script: latency, 5xx, malformed bodies.
final class FakeUpstream: Sendable {
    /// What the server does with one request.
    enum Behaviour: Sendable {
        /// Answers from its records.
        case answer
        /// Answers with this status and an empty JSON object.
        case status(Int)
        /// Waits, then answers.
        case delay(Duration)
        /// Answers 200 with a body that is not the protocol's JSON.
        case malformed
    }

    /// People on record: national code → (birth date, first, last, mobile).
    struct Person: Sendable {
        var birthDate: String
        var firstName: String
        var lastName: String
        var mobile: String
    }

    fileprivate struct State {
        var script: [Behaviour] = []
        var fallback: Behaviour = .answer
        var registryHits = 0
        var mobileHits = 0
    }

    let port: Int
    private let shared: SharedState
    private let task: Task<Void, any Error>

    var registryURL: URL { URL(string: "http://127.0.0.1:\(port)/registry")! }
    var mobileURL: URL { URL(string: "http://127.0.0.1:\(port)/mobile")! }

    private init(port: Int, shared: SharedState, task: Task<Void, any Error>) {
        self.port = port
        self.shared = shared
        self.task = task
    }

    /// Starts a server with `people` on record.
    static func start(people: [String: Person]) async throws -> FakeUpstream {
        let box = SharedState()
        let router = Router()
        router.post("registry") { request, _ -> Response in
            let query = try await decode(UpstreamRegistryProtocol.PersonQuery.self, request)
            return try await box.respond(counting: \.registryHits) {
                guard let person = people[query.nationalCode], person.birthDate == query.birthDate else {
                    return UpstreamRegistryProtocol.PersonAnswer(match: false)
                }
                return UpstreamRegistryProtocol.PersonAnswer(
                    match: true, firstName: person.firstName, lastName: person.lastName)
            }
        }
        router.post("mobile") { request, _ -> Response in
            let query = try await decode(UpstreamRegistryProtocol.OwnershipQuery.self, request)
            return try await box.respond(counting: \.mobileHits) {
                UpstreamRegistryProtocol.OwnershipAnswer(owned: people[query.nationalCode]?.mobile == query.mobile)
            }
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-upstream")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return FakeUpstream(port: port, shared: box, task: task)
    }

    /// The next requests behave as `script` says, then as `fallback`.
    func script(_ script: [Behaviour], then fallback: Behaviour = .answer) {
        shared.state.withLock {
            $0.script = script
            $0.fallback = fallback
        }
    }

    var registryHits: Int { shared.state.withLock { $0.registryHits } }
    var mobileHits: Int { shared.state.withLock { $0.mobileHits } }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 1 << 16)
        return try JSONDecoder().decode(T.self, from: Data(String(buffer: buffer).utf8))
    }

    /// The server's state, shared by the route closures and the test.
    private final class SharedState: Sendable {
        let state = Mutex(State())

        func respond<Answer: Encodable>(counting hits: WritableKeyPath<State, Int>, _ answer: () -> Answer)
            async throws -> Response
        {
            let behaviour = state.withLock { state in
                state[keyPath: hits] += 1
                return state.script.isEmpty ? state.fallback : state.script.removeFirst()
            }
            switch behaviour {
            case .answer:
                return json(200, String(decoding: try JSONEncoder().encode(answer()), as: UTF8.self))
            case .status(let code):
                return json(code, "{}")
            case .delay(let duration):
                try? await Task.sleep(for: duration)
                return json(200, String(decoding: try JSONEncoder().encode(answer()), as: UTF8.self))
            case .malformed:
                return json(200, "<html>gateway error</html>")
            }
        }

        private func json(_ status: Int, _ text: String) -> Response {
            Response(
                status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
