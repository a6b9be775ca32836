/// An Iranian national code («کد ملی»): ten ASCII digits whose last digit is a check digit.
///
/// The full value is available only through `digits`; `description`, `debugDescription`
/// and reflection (`dump`, `Mirror`) show the masked form "001******1" so that accidental
/// logging never leaks a full code. Codable as the plain ten-digit string; decoding
/// validates.
package struct NationalCode: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The canonical ten ASCII digits, e.g. "0013542419". Never log this value.
    package let digits: String

    /// Validates a national code typed in any digits (Persian, Arabic-Indic or ASCII).
    ///
    /// Spaces, dashes and invisible bidi/zero-width marks anywhere in the input are removed;
    /// 8- or 9-digit input is left-padded with zeros (leading zeros are often dropped by
    /// spreadsheets). Codes of ten equal digits are rejected even though their check digit
    /// is consistent.
    package init(validating input: String) throws(ValidationError) {
        var digits = ""
        for scalar in input.unicodeScalars {
            if let value = PersianDigits.value(of: scalar) {
                digits.append(String(value))
            } else if !Self.isIgnorable(scalar) {
                throw .nonDigit
            }
        }
        guard !digits.isEmpty else { throw .empty }
        guard (8...10).contains(digits.count) else { throw .wrongLength }
        digits = String(repeating: "0", count: 10 - digits.count) + digits
        let values = digits.map { $0.wholeNumberValue! }
        guard Set(values).count > 1 else { throw .repeatedDigits }
        guard Self.checkDigit(for: values.prefix(9)) == values[9] else { throw .invalidCheckDigit }
        self.digits = digits
    }

    /// Returns the valid national code made of the nine ASCII digits `prefix9` followed by
    /// their check digit; used to generate synthetic test registries.
    ///
    /// - Precondition: `prefix9` is nine ASCII digits, not all equal.
    package static func makeValid(prefix9: String) -> NationalCode {
        let values = prefix9.unicodeScalars.map { scalar in
            (0x30...0x39).contains(scalar.value) ? Int(scalar.value - 0x30) : -1
        }
        precondition(values.count == 9 && !values.contains(-1), "prefix9 must be nine ASCII digits")
        precondition(Set(values).count > 1, "prefix9 must not be nine equal digits")
        return NationalCode(checkedDigits: prefix9 + String(checkDigit(for: values[...])))
    }

    /// A code whose digits the caller has just made valid.
    private init(checkedDigits: String) {
        self.digits = checkedDigits
    }

    /// The code with all but the first three and the last digit hidden, e.g. "001******9";
    /// the only form that may appear in logs.
    package var masked: String {
        String(digits.prefix(3)) + String(repeating: "*", count: 6) + String(digits.suffix(1))
    }

    /// The masked form, so that string interpolation and `print` never reveal the code.
    package var description: String { masked }

    /// The masked form, so that `debugPrint` never reveals the code.
    package var debugDescription: String { "NationalCode(\(masked))" }

    /// A mirror exposing only the masked form, so that `dump` never reveals the code.
    package var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    /// Decodes a ten-digit string, validating it like `init(validating:)`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try NationalCode(validating: container.decode(String.self))
        } catch let error as ValidationError {
            // The message never includes the rejected value: it may be a real code.
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Invalid national code: \(error)")
        }
    }

    /// Encodes the code as its plain ten-digit string.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    /// The check digit for the first nine digits: weights 10 down to 2, r = sum mod 11,
    /// check = r when r < 2, otherwise 11 − r.
    private static func checkDigit(for firstNine: ArraySlice<Int>) -> Int {
        let sum = zip(firstNine, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        let remainder = sum % 11
        return remainder < 2 ? remainder : 11 - remainder
    }

    /// Separators and invisible marks that are dropped from typed or pasted input.
    private static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar.value {
        case 0x2D, 0x2010...0x2015, 0x2212, 0x200B...0x200F, 0x061C, 0x202A...0x202E,
            0x2066...0x2069, 0xFEFF, 0x00AD:
            return true
        default:
            return false
        }
    }
}

extension NationalCode {
    /// Why a national code was rejected; each case has a Persian message for the user.
    package enum ValidationError: Error, Sendable, Hashable {
        /// Nothing but spaces or separators was entered.
        case empty
        /// The code does not have 8 to 10 digits.
        case wrongLength
        /// The input contains a character that is neither a digit nor a separator.
        case nonDigit
        /// All ten digits are equal (e.g. "1111111111").
        case repeatedDigits
        /// The last digit does not match the check digit of the first nine.
        case invalidCheckDigit

        /// A message to show the user, in Persian with Persian digits.
        package var persianMessage: String {
            switch self {
            case .empty: "کد ملی وارد نشده است"
            case .wrongLength: "کد ملی باید ۱۰ رقم باشد"
            case .nonDigit: "کد ملی فقط باید شامل رقم باشد"
            case .repeatedDigits, .invalidCheckDigit: "کد ملی معتبر نیست"
            }
        }
    }
}
