import Foundation

/// Talks to a running `desk up` over its control port, for `desk scale` and `desk status`.
package struct ControlClient: Sendable {
    /// The control port on 127.0.0.1.
    package let port: Int
    private let http = LocalHTTPClient()

    /// A client of the desk on 127.0.0.1:`port`.
    package init(port: Int) {
        self.port = port
    }

    /// Every instance the desk runs.
    package func processes() async throws(DeskFailure) -> [ProcessEntry] {
        try decode(try await send(path: "/processes", method: "GET", body: nil, timeout: .seconds(10)))
    }

    /// Asks the desk to scale and returns its instances once the change is done; `timeout`
    /// must outlast the desk's readiness deadline, which bounds the desk's answer.
    package func scale(_ request: ScaleRequest, timeout: Duration) async throws(DeskFailure) -> [ProcessEntry] {
        try decode(try await send(path: "/scale", method: "POST", body: request.json, timeout: timeout))
    }

    private func send(path: String, method: String, body: Data?, timeout: Duration) async throws(DeskFailure)
        -> LocalHTTPClient.Reply
    {
        let reply: LocalHTTPClient.Reply
        do {
            reply = try await http.request(port: port, path: path, method: method, body: body, timeout: timeout)
        } catch {
            if error.isRefused {
                throw DeskFailure(
                    "no desk is running on 127.0.0.1:\(port): start one with `desk up` (or give its --desk-port)")
            }
            throw DeskFailure("the desk on 127.0.0.1:\(port) did not answer: \(error.reason)")
        }
        guard reply.status == 200 else {
            let message = (try? JSONDecoder().decode(ControlResponse.ErrorBody.self, from: reply.body))?.error
            throw DeskFailure(message ?? "the desk answered HTTP \(reply.status)")
        }
        return reply
    }

    private func decode(_ reply: LocalHTTPClient.Reply) throws(DeskFailure) -> [ProcessEntry] {
        do {
            return try ControlCoding.decode([ProcessEntry].self, from: reply.body)
        } catch {
            throw DeskFailure("the desk's answer is not a process list: \(error)")
        }
    }
}
