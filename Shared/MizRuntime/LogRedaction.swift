/// Masks national codes and mobile numbers in text bound for a log, so no log line holds one
/// in full (DESIGN.md, Conventions).
///
/// Any run of 10 digits (a national code) keeps its first three and last digit; a mobile
/// number (09…, 989…, 9… with 10–12 digits) keeps its prefix and last four. Digits of any
/// script count, so a Persian-digit code is masked too.
package enum LogRedaction {
    /// The text with every national code and mobile number masked.
    package static func redact(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        var run: [Character] = []
        func flush() {
            output += mask(run)
            run.removeAll(keepingCapacity: true)
        }
        for character in text {
            if isDigit(character) {
                run.append(character)
            } else {
                if !run.isEmpty { flush() }
                output.append(character)
            }
        }
        if !run.isEmpty { flush() }
        return output
    }

    private static func isDigit(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
        switch scalar.value {
        case 0x30...0x39, 0x660...0x669, 0x6F0...0x6F9: return true
        default: return false
        }
    }

    private static func mask(_ digits: [Character]) -> String {
        switch digits.count {
        case 10:
            // A national code or a mobile written without its leading zero.
            return String(digits.prefix(3)) + String(repeating: "*", count: 6) + String(digits.suffix(1))
        case 11, 12:
            return String(digits.prefix(4)) + String(repeating: "*", count: digits.count - 8) + String(digits.suffix(4))
        case 8, 9:
            // National codes may be typed without their leading zeros.
            return String(digits.prefix(2)) + String(repeating: "*", count: digits.count - 3) + String(digits.suffix(1))
        default:
            return String(digits)
        }
    }
}
