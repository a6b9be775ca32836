import GRPCCore

/// The echo method: one unary call whose request and response are the same raw bytes.
enum EchoMethod {
    /// `/miz.bench.Echo/Say`.
    static let descriptor = MethodDescriptor(fullyQualifiedService: "miz.bench.Echo", method: "Say")
}

/// Serializes a message that is already bytes: the bytes go out as they are, with no
/// protobuf (or other) framing, so the comparison with the bus measures transports, not
/// codecs.
struct RawBytesSerializer: MessageSerializer {
    typealias Message = [UInt8]

    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
        Bytes(message)
    }
}

/// Reads a message as the raw bytes that arrived.
struct RawBytesDeserializer: MessageDeserializer {
    typealias Message = [UInt8]

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}
