import Foundation

/// Reads W3C Trace Context `traceparent` headers (`00-<trace id>-<parent id>-<flags>`).
package enum TraceContext {
    /// The trace id of a valid `traceparent` value, or nil when the value is malformed or its
    /// trace id is all zeros (which the specification forbids).
    package static func traceId(fromTraceparent value: String) -> String? {
        let parts = value.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[0] != "ff", isLowerHex(parts[0]),
            parts[1].count == 32, isLowerHex(parts[1]), parts[1].contains(where: { $0 != "0" }),
            parts[2].count == 16, isLowerHex(parts[2]), parts[2].contains(where: { $0 != "0" }),
            parts[3].count == 2, isLowerHex(parts[3])
        else { return nil }
        if parts[0] == "00" && parts.count != 4 { return nil }
        return String(parts[1])
    }

    /// A `traceparent` value for a trace id and a new span.
    package static func traceparent(traceId: String, spanId: String = makeSpanId()) -> String {
        "00-\(traceId)-\(spanId)-01"
    }

    /// A random 16-hex-digit span id.
    package static func makeSpanId() -> String {
        let value = UInt64.random(in: 1...UInt64.max)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func isLowerHex(_ text: Substring) -> Bool {
        text.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
