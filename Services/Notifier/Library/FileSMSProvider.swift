import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The provider of a local run: each SMS becomes one JSON line appended to a file
/// (`<data>/sms-outbox.jsonl`), which developers read with `tail -f` or on `/dev/sms`.
///
/// Lines are written with one `write` on a descriptor opened with `O_APPEND`, so instances
/// sharing the file do not interleave their lines.
package final class FileSMSProvider: SMSProvider {
    /// The file's name inside the data folder.
    package static let fileName = "sms-outbox.jsonl"

    /// One line of the file.
    package struct Line: Codable, Sendable, Equatable {
        package var messageId: Int64
        package var eventId: String
        package var to: String
        package var text: String
        package var at: Date
    }

    /// The file written to.
    package let path: String
    private let lock = Mutex(())

    /// A provider appending to `path` (created when missing).
    package init(path: String) {
        self.path = path
    }

    package func deliver(_ sms: OutgoingSMS) async -> SMSDeliveryOutcome {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(messageId: sms.messageId, eventId: sms.eventId, to: sms.recipient, text: sms.text, at: Date())
        guard var bytes = try? encoder.encode(line) else { return .permanentFailure("unencodable message") }
        bytes.append(0x0A)
        let path = self.path
        return lock.withLock { _ in
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o640)
            guard descriptor >= 0 else { return .temporaryFailure("cannot open \(path): errno \(errno)") }
            defer { close(descriptor) }
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == bytes.count else { return .temporaryFailure("short write to \(path): errno \(errno)") }
            return .delivered(providerMessageId: "file-\(sms.messageId)")
        }
    }

    /// The lines written so far, oldest first (for tests and tools).
    package func lines() throws -> [Line] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(Line.self, from: Data($0.utf8))
        }
    }
}
