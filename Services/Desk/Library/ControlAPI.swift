import Foundation

/// The routes of the desk's control server: `GET /processes` and `POST /scale`.
package struct ControlAPI: Sendable {
    /// The supervisor the routes read and change.
    package let supervisor: Supervisor

    /// Routes to the given supervisor.
    package init(supervisor: Supervisor) {
        self.supervisor = supervisor
    }

    /// Answers one request.
    package func handle(_ request: ControlRequest) async -> ControlResponse {
        switch (request.method, request.path) {
        case ("GET", "/processes"):
            return json(await supervisor.entries(refresh: true))
        case ("POST", "/scale"):
            let scale: ScaleRequest
            do {
                scale = try ScaleRequest(json: request.body)
            } catch {
                return .error(400, error.description)
            }
            do {
                return json(try await supervisor.scale(scale))
            } catch {
                return .error(503, error.description)
            }
        case (_, "/processes"), (_, "/scale"):
            return .error(405, "\(request.method) is not allowed on \(request.path)")
        default:
            return .error(404, "no route \(request.path); the desk serves GET /processes and POST /scale")
        }
    }

    private func json(_ entries: [ProcessEntry]) -> ControlResponse {
        do {
            return ControlResponse(status: 200, body: try ControlCoding.encode(entries))
        } catch {
            return .error(500, "cannot encode the answer: \(error)")
        }
    }
}
