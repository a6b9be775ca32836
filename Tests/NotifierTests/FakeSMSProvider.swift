import Foundation
import Hummingbird
import Logging
import NIOCore
import Notifier
import Synchronization

/// A real HTTP server on 127.0.0.1 speaking the generic SMS web-service protocol, failing
/// requests as its script says.
final class FakeSMSProvider: Sendable {
    /// What the server does with one request.
    enum Behaviour: Sendable {
        case accept
        case status(Int)
        case delay(Duration)
    }

    fileprivate struct State {
        var script: [Behaviour] = []
        var fallback: Behaviour = .accept
        var hits = 0
        var accepted: [HTTPSMSProvider.Submission] = []
        var keys: [String] = []
    }

    fileprivate final class Shared: Sendable {
        let state = Mutex(State())
    }

    let port: Int
    private let shared: Shared
    private let task: Task<Void, any Error>

    var url: URL { URL(string: "http://127.0.0.1:\(port)/sms")! }
    var hits: Int { shared.state.withLock { $0.hits } }
    var accepted: [HTTPSMSProvider.Submission] { shared.state.withLock { $0.accepted } }
    var keys: [String] { shared.state.withLock { $0.keys } }

    private init(port: Int, shared: Shared, task: Task<Void, any Error>) {
        self.port = port
        self.shared = shared
        self.task = task
    }

    /// The next requests behave as `script` says, then as `fallback`.
    func script(_ script: [Behaviour], then fallback: Behaviour = .accept) {
        shared.state.withLock {
            $0.script = script
            $0.fallback = fallback
        }
    }

    static func start() async throws -> FakeSMSProvider {
        let shared = Shared()
        let router = Router()
        router.post("sms") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 16)
            let submission = try JSONDecoder().decode(
                HTTPSMSProvider.Submission.self, from: Data(String(buffer: buffer).utf8))
            let key = request.headers[.authorization] ?? ""
            let behaviour = shared.state.withLock { state in
                state.hits += 1
                state.keys.append(key)
                return state.script.isEmpty ? state.fallback : state.script.removeFirst()
            }
            switch behaviour {
            case .status(let code):
                return Response(
                    status: HTTPResponse.Status(code: code), body: .init(byteBuffer: ByteBuffer(string: "{}")))
            case .delay(let duration):
                try? await Task.sleep(for: duration)
            case .accept:
                break
            }
            let id = shared.state.withLock { state in
                state.accepted.append(submission)
                return "p-\(state.accepted.count)"
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: "{\"id\":\"\(id)\"}")))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "fake-sms")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        return FakeSMSProvider(port: await iterator.next() ?? 0, shared: shared, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
