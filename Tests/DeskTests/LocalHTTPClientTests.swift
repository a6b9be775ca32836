import Desk
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// The desk's HTTP client against a local server that answers `/slow` after two seconds.
@Suite("LocalHTTPClient timeouts")
struct LocalHTTPClientTests {
    @Test("a call's own timeout counts, not the session's 60 s: 1 s gives up, 10 s gets the answer")
    func callTimeoutIsHonoured() async throws {
        try await SlowServer.with(delay: .seconds(2)) { port in
            let client = LocalHTTPClient()
            // Before the fix the session's 60 s won over the request's timeout: the 1 s call
            // waited for the answer and got it.
            do throws(LocalHTTPClient.Failure) {
                let reply = try await client.request(port: port, path: "/slow", timeout: .seconds(1))
                Issue.record("a 1 s call got the 2 s answer (HTTP \(reply.status)): the session's timeout won")
            } catch {
                #expect(error.reason.contains("timedOut"), "\(error)")
                #expect(!error.isRefused)
            }
            let reply = try await client.request(port: port, path: "/slow", timeout: .seconds(10))
            #expect(reply.status == 200)
            #expect(String(decoding: reply.body, as: UTF8.self) == "late")
        }
    }
}

/// A Hummingbird server on a free port of 127.0.0.1 whose `/slow` answers after a delay.
enum SlowServer {
    static func with(delay: Duration, _ body: (Int) async throws -> Void) async throws {
        let router = Router()
        router.get("slow") { _, _ in
            try await Task.sleep(for: delay)
            return "late"
        }
        let bound = Mutex<Int?>(nil)
        let (ready, readySignal) = AsyncStream<Void>.makeStream()
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                bound.withLock { $0 = channel.localAddress?.port }
                readySignal.yield()
            },
            logger: Logger(label: "miz.desk.test.slow"))
        let server = Task { try await application.runService() }
        defer { server.cancel() }
        for await _ in ready { break }
        let port = try #require(bound.withLock { $0 })
        try await body(port)
    }
}
