/// An Iranian mobile phone number in canonical form "09xxxxxxxxx" (11 ASCII digits) whose
/// operator prefix belongs to a known operator.
///
/// `description`, `debugDescription` and reflection show the masked form "0912***4567".
/// Codable as the canonical string; decoding validates.
package struct MobileNumber: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The canonical form, e.g. "09121234567".
    package let digits: String

    /// The operator the prefix was assigned to.
    package let `operator`: Operator

    /// Validates a mobile number typed in any digits and common formats.
    ///
    /// Accepts "09…", "+989…", "00989…", "989…" and "9…" (ten digits), also with the
    /// trunk zero after the country code ("+98 0912…"); spaces, dashes, parentheses and
    /// invisible bidi marks are ignored, and "+" is allowed only at the start.
    package init(validating input: String) throws(ValidationError) {
        var digits = ""
        var hasPlus = false
        for scalar in input.unicodeScalars {
            if let value = PersianDigits.value(of: scalar) {
                digits.append(String(value))
            } else if scalar == "+" || scalar == "\u{FF0B}" {
                guard digits.isEmpty, !hasPlus else { throw .invalidCharacters }
                hasPlus = true
            } else if !Self.isIgnorable(scalar) {
                throw .invalidCharacters
            }
        }
        guard !digits.isEmpty else { throw hasPlus ? .invalidFormat : .empty }

        var national = Substring(digits)
        if hasPlus {
            guard national.hasPrefix("98") else { throw .invalidFormat }
            national = national.dropFirst(2)
        } else if national.hasPrefix("0098") {
            national = national.dropFirst(4)
        } else if national.hasPrefix("98"), national.count == 12 || national.count == 13 {
            national = national.dropFirst(2)
        }
        if national.count == 10, national.hasPrefix("9") {
            national = "0" + national
        }
        guard national.count == 11, national.hasPrefix("09") else { throw .invalidFormat }

        let prefix = String(national.dropFirst().prefix(3))
        guard let mobileOperator = Self.operatorPrefixes[prefix] else {
            throw .unknownOperatorPrefix("0" + prefix)
        }
        self.digits = String(national)
        self.operator = mobileOperator
    }

    /// The number with the middle three digits hidden, e.g. "0912***4567"; the only form
    /// that may appear in logs.
    package var masked: String {
        String(digits.prefix(4)) + "***" + String(digits.suffix(4))
    }

    /// The international E.164 form, e.g. "+989121234567", for SMS gateways.
    package var internationalFormat: String { "+98" + digits.dropFirst() }

    /// The masked form, so that string interpolation and `print` never reveal the number.
    package var description: String { masked }

    /// The masked form, so that `debugPrint` never reveals the number.
    package var debugDescription: String { "MobileNumber(\(masked))" }

    /// A mirror exposing only the masked form and operator, so that `dump` is safe.
    package var customMirror: Mirror {
        Mirror(self, children: ["masked": masked, "operator": `operator`])
    }

    /// Decodes the canonical string, validating it like `init(validating:)`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = try MobileNumber(validating: container.decode(String.self))
        } catch let error as ValidationError {
            // The message never includes the rejected value: it may be a real number.
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Invalid mobile number: \(error)")
        }
    }

    /// Encodes the canonical "09xxxxxxxxx" string.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    /// The three digits after the leading 0 mapped to their operator. Update this table
    /// when the regulator assigns new prefixes.
    private static let operatorPrefixes: [String: Operator] = {
        var table: [String: Operator] = [:]
        for prefix in 910...919 { table[String(prefix)] = .mci }
        for prefix in 990...994 { table[String(prefix)] = .mci }
        for prefix in [901, 902, 903, 904, 905, 930, 933, 935, 936, 937, 938, 939, 941] {
            table[String(prefix)] = .irancell
        }
        for prefix in 920...922 { table[String(prefix)] = .rightel }
        table["932"] = .taliya
        table["998"] = .shatel
        return table
    }()

    /// Separators and invisible marks that are dropped from typed or pasted input.
    private static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar.value {
        case 0x2D, 0x28, 0x29, 0x2010...0x2015, 0x2212, 0x200B...0x200F, 0x061C,
            0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0x00AD:
            return true
        default:
            return false
        }
    }
}

extension MobileNumber {
    /// An Iranian mobile network operator, identified by the number's prefix.
    package enum Operator: String, Sendable, Hashable, Codable, CaseIterable {
        /// Hamrah-e Avval (MCI): 0910–0919, 0990–0994.
        case mci
        /// Irancell: 0901–0905, 0930, 0933, 0935–0939, 0941.
        case irancell
        /// RighTel: 0920–0922.
        case rightel
        /// Taliya: 0932.
        case taliya
        /// Shatel Mobile: 0998.
        case shatel

        /// The operator's Persian brand name, e.g. «همراه اول».
        package var persianName: String {
            switch self {
            case .mci: "همراه اول"
            case .irancell: "ایرانسل"
            case .rightel: "رایتل"
            case .taliya: "تالیا"
            case .shatel: "شاتل موبایل"
            }
        }
    }

    /// Why a mobile number was rejected; each case has a Persian message for the user.
    package enum ValidationError: Error, Sendable, Hashable {
        /// Nothing but spaces or separators was entered.
        case empty
        /// The input contains a character other than digits, a leading "+", spaces,
        /// dashes or parentheses.
        case invalidCharacters
        /// The digits do not form an Iranian mobile number (wrong length, not starting with
        /// 09 after the country code, or a foreign country code).
        case invalidFormat
        /// The number is well formed but its prefix (e.g. "0925") has no known operator.
        case unknownOperatorPrefix(String)

        /// A message to show the user, in Persian with Persian digits.
        package var persianMessage: String {
            switch self {
            case .empty:
                "شماره تلفن همراه وارد نشده است"
            case .invalidCharacters:
                "شماره تلفن همراه فقط باید شامل رقم باشد"
            case .invalidFormat:
                "شماره تلفن همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود"
            case .unknownOperatorPrefix(let prefix):
                "پیش‌شماره \(PersianDigits.display(prefix)) به هیچ اپراتور تلفن همراه شناخته‌شده‌ای تعلق ندارد"
            }
        }
    }
}
