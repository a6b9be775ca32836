import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import ServiceLifecycle

/// One HTTP request the control server received.
package struct ControlRequest: Sendable, Equatable {
    /// `GET`, `POST`, …
    package var method: String
    /// The path without the query, such as `/processes`.
    package var path: String
    /// The body (empty when none).
    package var body: Data

    /// Makes a request from its parts.
    package init(method: String, path: String, body: Data = Data()) {
        self.method = method
        self.path = path
        self.body = body
    }
}

/// The control server's answer: a status and a JSON body.
package struct ControlResponse: Sendable, Equatable {
    /// The HTTP status code.
    package var status: Int
    /// The JSON body.
    package var body: Data

    /// Makes an answer from a status and a JSON body.
    package init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }

    /// The body of every error answer: `{"error": "…"}`.
    package struct ErrorBody: Codable, Sendable, Equatable {
        /// What went wrong, for the operator.
        package var error: String
    }

    /// An error answer with a message.
    package static func error(_ status: Int, _ message: String) -> ControlResponse {
        ControlResponse(status: status, body: (try? JSONEncoder().encode(ErrorBody(error: message))) ?? Data("{}".utf8))
    }
}

/// The desk's control server on 127.0.0.1: a Hummingbird application that hands `GET
/// /processes` and `POST /scale` to the `ControlAPI`, so `desk status` and `desk scale` in
/// another terminal reach the running `desk up`.
package final class ControlServer: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts serving on the port; fails at once when the port is taken (another desk).
    package init(port: Int, api: ControlAPI, logger: Logger) throws(LocalSocket.Failure) {
        guard LocalSocket.isFree(port: port) else {
            throw LocalSocket.Failure(description: "127.0.0.1:\(port) is in use")
        }
        let router = Router()
        router.get("processes") { request, _ in try await Self.answer(request, api: api) }
        router.post("scale") { request, _ in try await Self.answer(request, api: api) }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "miz-desk"),
            logger: logger)
        // In a service group, so stopping is a graceful shutdown rather than a cancellation,
        // which Hummingbird would log as an error.
        let group = ServiceGroup(services: [application], gracefulShutdownSignals: [], logger: logger)
        self.group = group
        task = Task { try await group.run() }
    }

    /// Stops serving: finishes the requests in hand and closes the port.
    package func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    private static func answer(_ request: Request, api: ControlAPI) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let answer = await api.handle(
            ControlRequest(method: request.method.rawValue, path: request.uri.path, body: Data(buffer: body)))
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
