import Crypto
import Foundation

/// The SHA-256 of an uploaded file, computed once per upload: a submission's idempotency
/// fingerprint and its stored document both need it, and hashing 200 KB twice is measurable.
package struct DocumentDigest: Sendable, Equatable {
    /// The 32 bytes of the digest.
    package let bytes: [UInt8]

    /// The digest of `content`.
    package init(of content: Data) {
        bytes = Array(SHA256.hash(data: content))
    }

    /// The digest in lowercase hex, as documents are named and stored.
    package var hex: String { Self.hexadecimal(bytes) }

    /// `bytes` in lowercase hex, two digits a byte (without `String(format:)` per byte).
    package static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
