import ArgumentParser
import Broker
import Foundation

/// `desk status`: per broker and service, the instances the desk runs and the broker's
/// figures: ready and busy workers, queue depth, requests per second, expired and rejected
/// requests. Each broker counts only what passed through it, so there is one table per broker.
package struct StatusCommand: AsyncParsableCommand {
    /// The name, abstract and help of `desk status`.
    package static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show workers, queue depth and request rate per service of the running desk.",
        discussion: "Each broker is sampled twice, about a second apart, for the request rate."
    )

    /// The shared flags: the control port above all.
    @OptionGroup package var options: DeskOptions

    /// Makes the command with its defaults; ArgumentParser fills in the flags.
    package init() {}

    /// Runs the command.
    package func run() async throws {
        let console = Console()
        let entries = try await ControlClient(port: options.deskPort).processes()
        let brokers = entries.filter { $0.name == ProcessKind.broker.rawValue }.sorted { $0.instance < $1.instance }
        let running = brokers.filter { $0.pid != nil }
        guard !running.isEmpty else {
            throw DeskFailure("the desk runs no broker right now (it may be restarting); try again shortly")
        }
        let http = LocalHTTPClient()
        let clock = ContinuousClock()
        var first: [Int: BrokerSnapshot] = [:]
        for broker in running {
            first[broker.instance] = try? await snapshot(http, port: broker.opsPort)
        }
        let firstAt = clock.now
        try await Task.sleep(for: .seconds(1))
        var second: [Int: BrokerSnapshot] = [:]
        for broker in running where first[broker.instance] != nil {
            second[broker.instance] = try? await snapshot(http, port: broker.opsPort)
        }
        let interval = clock.now - firstAt
        guard !second.isEmpty else {
            throw DeskFailure("no broker's ops port answered /status; try again shortly")
        }

        if let gateway = entries.first(where: { $0.name == ProcessKind.gateway.rawValue }) {
            console.line("gateway \(gateway.url)")
        }
        for broker in brokers {
            console.line("")
            let heading = "\(broker.instanceName) \(broker.url)"
            guard let pid = broker.pid, let before = first[broker.instance], let after = second[broker.instance] else {
                console.line("\(heading): not answering (\(broker.state)); the other brokers carry the calls")
                continue
            }
            console.line("\(heading) (pid \(pid), ops :\(broker.opsPort))")
            console.write(DeskTables.services(entries: entries, first: before, second: after, interval: interval))
        }
        console.line("")
        console.line("READY, BUSY: workers at that broker; each instance opens --concurrency of them at every broker.")
        let troubles = DeskTables.troubles(entries)
        if !troubles.isEmpty {
            console.line("")
            console.line("Instances not ready or restarted (see <data>/logs/<instance>.log):")
            for line in troubles { console.line("  " + line) }
        }
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
