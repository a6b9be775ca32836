import Foundation

/// The 64-bit FNV-1a hash: fast, dependency-free and the same on every machine, which is all
/// an entity tag needs.
///
/// It is not a cryptographic hash: a tag only has to change when a body changes and to be
/// equal on every gateway instance for the same body, and nobody gains anything by forging
/// a collision with their own cached copy. Gateway does not depend on swift-crypto, and one
/// pass over a few kilobytes costs microseconds.
package enum FNV1a64 {
    /// The offset basis of the 64-bit variant.
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The 64-bit FNV prime.
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of `bytes`.
    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    /// The hash as 16 lowercase hexadecimal digits, zero-padded.
    package static func hexDigest(_ bytes: some Sequence<UInt8>) -> String {
        let digits = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
