import Foundation
import MizPersian

/// A request's public number (شماره فرآیند): Jalali year, province number and a sequence
/// unique within that year and province, such as "1405-23-000123".
package struct ProcessNumber: Sendable, Hashable, CustomStringConvertible {
    /// The Jalali year of submission.
    package let year: Int
    /// The province's two-digit number (`Province.number`).
    package let provinceNumber: String
    /// The sequence within year and province, from 1.
    package let sequence: Int

    /// Makes a number.
    package init(year: Int, provinceNumber: String, sequence: Int) {
        self.year = year
        self.provinceNumber = provinceNumber
        self.sequence = sequence
    }

    /// Reads a number as typed: any digits, `-`, `/` or spaces between the parts.
    package init?(parsing text: String) {
        let latin = PersianDigits.latin(text).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = latin.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == " " || $0 == "\u{2010}" })
        guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            parts[0].count == 4, parts[1].count == 2, (1...9).contains(parts[2].count),
            let year = Int(parts[0]), let sequence = Int(parts[2]), sequence > 0
        else { return nil }
        self.init(year: year, provinceNumber: String(parts[1]), sequence: sequence)
    }

    /// The canonical form in Latin digits, the sequence padded to six digits.
    package var description: String {
        let digits = String(sequence)
        let padded = digits.count >= 6 ? digits : String(repeating: "0", count: 6 - digits.count) + digits
        return "\(year)-\(provinceNumber)-\(padded)"
    }
}
