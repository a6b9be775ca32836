import Crypto
import Foundation

/// Random public numbers for complaints and messages, in Crockford's base-32 alphabet (no I,
/// L, O or U, so nothing is misread), grouped by four with dashes.
///
/// A complaint's number is its holder's only key to follow it, so it carries 60 random bits.
package enum TrackingNumber {
    /// The alphabet: digits and letters without I, L, O, U.
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new number of `groups` groups of four characters, e.g. "7K2P-9QXM-4ABD".
    package static func make(groups: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<groups).map { _ in
            String((0..<4).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }.joined(separator: "-")
    }

    /// The canonical form of a typed number: any digits to Latin, letters uppercased, the
    /// look-alikes O→0 and I/L→1 folded, spaces and dashes removed and the groups put back;
    /// nil when it is not `groups` groups of the alphabet.
    package static func canonical(_ typed: String, groups: Int) -> String? {
        var characters: [Character] = []
        for scalar in typed.unicodeScalars {
            if let digit = digitValue(scalar) {
                characters.append(Character(String(digit)))
                continue
            }
            if scalar == "-" || scalar == "‐" || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .format
            {
                continue
            }
            var letter = Character(String(scalar)).uppercased()
            if letter == "O" { letter = "0" }
            if letter == "I" || letter == "L" { letter = "1" }
            guard letter.count == 1, let character = letter.first, alphabet.contains(character) else { return nil }
            characters.append(character)
        }
        guard characters.count == groups * 4 else { return nil }
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<$0 + 4]) }
            .joined(separator: "-")
    }

    /// A stable reference to a number that does not reveal it (the first 16 hex digits of its
    /// SHA-256): a complaint's number is its holder's key, so event ids and other services'
    /// tables carry this instead.
    package static func reference(of number: String) -> String {
        SHA256.hash(data: Data(number.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// The number as logs may show it: its first group only, e.g. "7K2P-****-****".
    package static func masked(_ number: String) -> String {
        let groups = number.split(separator: "-")
        guard let first = groups.first else { return "****" }
        return ([String(first)] + Array(repeating: "****", count: max(0, groups.count - 1))).joined(separator: "-")
    }

    /// The value of a Latin, Persian or Arabic-Indic digit.
    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0x06F0...0x06F9: Int(scalar.value - 0x06F0)
        case 0x0660...0x0669: Int(scalar.value - 0x0660)
        default: nil
        }
    }
}
