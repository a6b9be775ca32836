/// Conversion between the digit systems met in Iranian user input: Persian (۰–۹),
/// Arabic-Indic (٠–٩) and ASCII (0–9).
///
/// Screens show Persian digits; storage, logs and comparisons use ASCII digits.
package enum PersianDigits {
    /// Formats an integer with Persian digits for display, e.g. `1403` → "۱۴۰۳".
    ///
    /// Negative values keep the ASCII hyphen-minus, so `latin(display(n)) == String(n)`.
    package static func display(_ value: some BinaryInteger) -> String {
        display(String(value))
    }

    /// Replaces every ASCII and Arabic-Indic digit in `text` with the Persian digit of the
    /// same value, leaving all other characters untouched; used for on-screen text.
    package static func display(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let value = value(of: scalar) {
                scalars.append(Unicode.Scalar(0x06F0 + UInt32(value))!)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Replaces every Persian and Arabic-Indic digit in `text` with the ASCII digit of the
    /// same value, leaving all other characters untouched; used before storing or comparing.
    package static func latin(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let value = value(of: scalar) {
                scalars.append(Unicode.Scalar(0x30 + UInt32(value))!)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Parses a non-negative integer written in any mix of Persian, Arabic-Indic or ASCII
    /// digits, optionally surrounded by whitespace.
    ///
    /// Returns `nil` for empty input, for any other character (signs and thousands
    /// separators included) and for values that do not fit in `Int`.
    package static func parseInteger(_ text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        guard start < end else { return nil }
        var result = 0
        for scalar in scalars[start..<end] {
            guard let digit = value(of: scalar) else { return nil }
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            result = sum
        }
        return result
    }

    /// Returns the value 0–9 of an ASCII, Persian or Arabic-Indic digit, or `nil` for any
    /// other scalar.
    package static func value(of scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0x06F0...0x06F9: Int(scalar.value - 0x06F0)
        case 0x0660...0x0669: Int(scalar.value - 0x0660)
        default: nil
        }
    }
}
