import ArgumentParser
import Foundation
import Logging
import MizBus
import MizSchema

/// `bus-benchmark worker`: one process of the `echo` service, serving `echo.say` with K READY
/// slots per broker until it is killed.
struct EchoWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Runs a BusWorker for the echo service (returns the attachments it gets)."
    )

    @Option(help: "A broker endpoint; repeat for several.")
    var broker: [String] = ["tcp://127.0.0.1:5590"]

    @Option(help: "READY slots (calls served at once) per broker.")
    var concurrency: Int = 64

    func validate() throws {
        guard concurrency > 0 else { throw ValidationError("--concurrency must be positive") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in WarningLogHandler(label: label) }
        let worker = try BusWorker(.init(service: EchoRoutes.service, brokers: broker, concurrency: concurrency))
        worker.registerWithAttachments(EchoRoutes.say) { _, context in
            AttachedReply(EchoReply(), attachments: context.attachments)
        }
        await worker.run()
    }
}

/// A log handler that costs what the services' structured handler costs when nothing is
/// logged: metadata kept in a dictionary (BusWorker sets the trace id and route on every
/// call). swift-log's `StreamLogHandler` would re-render its metadata on every set, a cost
/// production does not pay. Warnings and worse go to standard error.
struct WarningLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning
    let label: String

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data("\(event.level) \(label): \(event.message) \(metadata)\n".utf8))
    }
}
