import ArgumentParser
import Broker
import Foundation

/// `desk status`: per service, the instances the desk runs and the broker's figures: ready
/// and busy workers, queue depth, requests per second, expired and rejected requests.
package struct StatusCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk status`.
    package static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show workers, queue depth and request rate per service of the running desk.",
        discussion: "The broker is sampled twice, about a second apart, for the request rate."
    )

    /// The shared flags: the control port above all.
    @OptionGroup package var options: DeskOptions

    /// Makes the command with its defaults; ArgumentParser fills in the flags.
    package init() {}

    /// Runs the command.
    package func run() async throws {
        let console = Console()
        let entries = try await ControlClient(port: options.deskPort).processes()
        guard let broker = entries.first(where: { $0.name == ProcessKind.broker.rawValue }), let pid = broker.pid else {
            throw DeskFailure("the desk runs no broker right now (it may be restarting); try again shortly")
        }
        let http = LocalHTTPClient()
        let clock = ContinuousClock()
        let first = try await snapshot(http, port: broker.opsPort)
        let firstAt = clock.now
        try await Task.sleep(for: .seconds(1))
        let second = try await snapshot(http, port: broker.opsPort)
        let interval = clock.now - firstAt

        let gateway = entries.first { $0.name == ProcessKind.gateway.rawValue }
        console.line(
            "broker \(broker.url) (pid \(pid), ops :\(broker.opsPort))"
                + (gateway.map { "  gateway \($0.url)" } ?? ""))
        console.line("")
        console.write(DeskTables.services(entries: entries, first: first, second: second, interval: interval))
        console.line("")
        console.line("READY, BUSY: workers at the broker; each instance opens --concurrency of them.")
    }

    private func snapshot(_ http: LocalHTTPClient, port: Int) async throws -> BrokerSnapshot {
        let reply: LocalHTTPClient.Reply
        do {
            reply = try await http.request(port: port, path: "/status", timeout: .seconds(3))
        } catch {
            throw DeskFailure("the broker's ops port did not answer: \(error)")
        }
        guard reply.status == 200 else {
            throw DeskFailure("the broker's /status answered HTTP \(reply.status) on port \(port)")
        }
        do {
            return try JSONDecoder().decode(BrokerSnapshot.self, from: reply.body)
        } catch {
            throw DeskFailure("the broker's /status is not the expected JSON: \(error)")
        }
    }
}
