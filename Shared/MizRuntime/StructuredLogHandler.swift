import Foundation
import Logging
import Synchronization

/// Writes one JSON object per line to standard error: time, level, service, instance, message
/// and metadata (trace id among it), with national codes and mobiles masked.
package struct StructuredLogHandler: LogHandler {
    package var metadata: Logger.Metadata
    package var logLevel: Logger.Level
    private let label: String

    package init(label: String, level: Logger.Level, metadata: Logger.Metadata) {
        self.label = label
        self.logLevel = level
        self.metadata = metadata
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields: [String: String] = [
            "time": Self.timestamp(),
            "level": event.level.rawValue,
            "logger": label,
            "message": LogRedaction.redact("\(event.message)"),
        ]
        let merged = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        for (key, value) in merged {
            fields[key] = LogRedaction.redact("\(value)")
        }
        var line = "{"
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { line += "," }
            line += Self.quoted(key) + ":" + Self.quoted(fields[key] ?? "")
        }
        line += "}\n"
        Self.write(line)
    }

    private static let output = Mutex<Void>(())

    private static func write(_ line: String) {
        output.withLock { _ in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    private static func timestamp() -> String {
        Date().formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
