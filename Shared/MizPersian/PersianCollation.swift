/// Sort keys that put Persian titles in the order of the Persian alphabet.
///
/// Plain string comparison orders by code point, which puts the Persian letters پ چ ژ گ ک ی
/// after all the Arabic ones; a list sorted that way looks random to a Persian reader.
package enum PersianCollation {
    /// The Persian alphabet in order, after search folding (آ is folded to ا, ي to ی, ك to ک).
    private static let alphabet: [Unicode.Scalar: UInt32] = {
        let letters = "ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
        var ranks: [Unicode.Scalar: UInt32] = [:]
        for (rank, letter) in letters.unicodeScalars.enumerated() { ranks[letter] = UInt32(rank) }
        return ranks
    }()

    /// The sort key of `text`: a space first, then digits, then Persian letters in
    /// alphabetical order, then everything else by code point.
    package static func key(_ text: String) -> [UInt32] {
        PersianText.normalizedForSearch(text).unicodeScalars.map { scalar in
            if scalar == " " { return 0 }
            if let digit = PersianDigits.value(of: scalar) { return 1 + UInt32(digit) }
            if let rank = alphabet[scalar] { return 20 + rank }
            return 100 + scalar.value
        }
    }

    /// True when `left` comes before `right` in Persian alphabetical order.
    package static func precedes(_ left: String, _ right: String) -> Bool {
        key(left).lexicographicallyPrecedes(key(right))
    }
}
