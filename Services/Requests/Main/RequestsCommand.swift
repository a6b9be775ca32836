import ArgumentParser
import MizPostgres
import MizRuntime
import Requests

/// `requests`: Serves citizens' requests, their documents and the provinces' inboxes (کارتابل).
@main
struct RequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "Serves citizens' requests, their documents and the provinces' inboxes (کارتابل)."
    )

    @OptionGroup var options: RuntimeOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var documents: DocumentFolderOptions

    func run() async throws {
        try await RequestsService.run(options: options, database: database, documents: documents)
    }
}
