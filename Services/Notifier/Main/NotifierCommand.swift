import ArgumentParser
import Notifier
import MizRuntime

/// `notifier`: Sends SMS messages to citizens and keeps their delivery log.
@main
struct NotifierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifier",
        abstract: "Sends SMS messages to citizens and keeps their delivery log."
    )

    @OptionGroup var options: RuntimeOptions

    func run() async throws {
        try await NotifierService.run(options: options)
    }
}
