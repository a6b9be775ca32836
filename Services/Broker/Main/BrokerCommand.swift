import ArgumentParser
import Broker

/// `broker`: the Majordomo (7/MDP) message router of Miz.
@main
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Routes Miz requests between clients and service workers (ZeroMQ 7/MDP)."
    )

    @OptionGroup var options: BrokerOptions

    func run() async throws {
        try await BrokerProcess.run(options: options)
    }
}
