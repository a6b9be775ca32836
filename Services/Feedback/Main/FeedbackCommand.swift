import ArgumentParser
import Feedback
import MizPostgres
import MizRuntime

/// `feedback`: Serves surveys, complaints and messages (نظرسنجی، شکایت، ارسال پیام).
@main
struct FeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Serves surveys, complaints and messages (نظرسنجی، شکایت، ارسال پیام)."
    )

    @OptionGroup var options: RuntimeOptions
    @OptionGroup var feedback: FeedbackOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await FeedbackService.run(options: options, feedback: feedback, database: database)
    }
}
