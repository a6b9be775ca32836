import ArgumentParser
import MizPostgres
import MizRuntime
import Notifier

/// `notifier`: Sends SMS messages to citizens and keeps their delivery log.
@main
struct NotifierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifier",
        abstract: "Sends SMS messages to citizens and keeps their delivery log."
    )

    @OptionGroup var options: RuntimeOptions
    @OptionGroup var notifier: NotifierOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await NotifierService.run(options: options, notifier: notifier, database: database)
    }
}
