import Foundation

/// A JSON value, for printing replies the way people read them: keys sorted, two-space
/// indents, `[]` and `{}` for empty containers.
package indirect enum PrettyJSON: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([PrettyJSON])
    case object([String: PrettyJSON])

    /// Decodes any JSON value; integers stay integers.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PrettyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PrettyJSON].self))
        }
    }

    /// The JSON text of data, pretty-printed; nil when it is not JSON.
    package static func format(_ data: Data) -> String? {
        guard let value = try? JSONDecoder().decode(PrettyJSON.self, from: data) else { return nil }
        return value.rendered(indent: "")
    }

    /// The value as text, nested lines indented by two more spaces than `indent`.
    package func rendered(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .number(let value): return Self.fragment(value) ?? String(value)
        case .string(let value): return Self.fragment(value) ?? "\"\""
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            let lines = members.keys.sorted().map { key in
                inner + (Self.fragment(key) ?? "\"\"") + ": " + (members[key]?.rendered(indent: inner) ?? "null")
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    /// A string or number as JSON, escaped as JSONEncoder does.
    private static func fragment<Value: Encodable>(_ value: Value) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
