import MizPersian

/// Sort keys that put Persian names in the order of the Persian alphabet, for lists such as
/// the provinces; plain string order puts پ چ ژ گ ک ی after all the Arabic letters.
package enum PersianSortKey {
    private static let alphabet: [Unicode.Scalar: UInt32] = {
        var ranks: [Unicode.Scalar: UInt32] = [:]
        for (rank, letter) in "ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی".unicodeScalars.enumerated() {
            ranks[letter] = UInt32(rank)
        }
        return ranks
    }()

    /// The key of `text`: a space first, then digits, then Persian letters in alphabetical
    /// order, then everything else by code point.
    package static func key(_ text: String) -> [UInt32] {
        PersianText.normalizedForSearch(text).unicodeScalars.map { scalar in
            if scalar == " " { return 0 }
            if let digit = PersianDigits.value(of: scalar) { return 1 + UInt32(digit) }
            if let rank = alphabet[scalar] { return 20 + rank }
            return 100 + scalar.value
        }
    }

    /// Whether `left` comes before `right` in Persian alphabetical order.
    package static func precedes(_ left: String, _ right: String) -> Bool {
        key(left).lexicographicallyPrecedes(key(right))
    }
}
