import Crypto
import Foundation
import MizPersian

/// A request's secret (کد رهگیری): 80 random bits as 16 Crockford base32 characters in four
/// groups, such as "K7P2-9QXM-4HNC-T8VB".
///
/// The alphabet leaves out I, L, O and U, so nothing looks like something else; when read
/// back, I and L count as 1 and O as 0, case, spaces and dashes do not matter. The service
/// stores only `hash`.
package struct TrackingCode: Sendable, Hashable {
    /// Crockford's base32 alphabet.
    package static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// Characters in a code; 5 bits each.
    package static let length = 16
    /// The random bits of a code.
    package static let entropyBits = length * 5

    /// The 16 characters, without dashes.
    package let characters: String

    /// A new random code from the system's cryptographic generator.
    package static func random() -> TrackingCode {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new code from `generator`.
    package static func random(using generator: inout some RandomNumberGenerator) -> TrackingCode {
        TrackingCode(
            characters: String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: 32 as UInt8))] }))
    }

    private init(characters: String) {
        self.characters = characters
    }

    /// Reads a code as typed, or nil when it cannot be one.
    package init?(parsing text: String) {
        var cleaned = ""
        for character in PersianDigits.latin(text).uppercased() {
            switch character {
            case "-", " ", "\u{200C}", "\u{2010}", "_": continue
            case "O": cleaned.append("0")
            case "I", "L": cleaned.append("1")
            default:
                guard Self.alphabet.contains(character) else { return nil }
                cleaned.append(character)
            }
        }
        guard cleaned.count == Self.length else { return nil }
        self.init(characters: cleaned)
    }

    /// The form people read and type: four groups of four joined by dashes.
    package var formatted: String {
        let chars = Array(characters)
        return stride(from: 0, to: chars.count, by: 4).map { String(chars[$0..<min($0 + 4, chars.count)]) }
            .joined(separator: "-")
    }

    /// The SHA-256 of the canonical characters, lowercase hex: all the service keeps.
    package var hash: String {
        SHA256.hash(data: Data(characters.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
