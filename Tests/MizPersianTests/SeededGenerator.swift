/// A deterministic SplitMix64 random number generator, so that generated test inputs are
/// reproducible from their seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator whose whole output is determined by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 pseudo-random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Returns a random string of up to `maxLength` scalars drawn from `alphabet`.
    mutating func string(from alphabet: [Unicode.Scalar], maxLength: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &self) {
            scalars.append(alphabet.randomElement(using: &self)!)
        }
        return String(scalars)
    }
}

/// Alphabets used to generate random text inputs.
enum TestAlphabet {
    /// Persian and Arabic letters including every variant the normalizers fold.
    static let letters: [Unicode.Scalar] = scalars(
        "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيىئكةۀأإآٱؤءە")

    /// Persian, Arabic-Indic and ASCII digits.
    static let digits: [Unicode.Scalar] = scalars("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789")

    /// Arabic combining marks, tatweel and Latin/other combining marks.
    static let marks: [Unicode.Scalar] = [
        "\u{064B}", "\u{064C}", "\u{064D}", "\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}",
        "\u{0652}", "\u{0653}", "\u{0654}", "\u{0655}", "\u{0670}", "\u{0640}", "\u{0301}",
        "\u{0308}", "\u{0327}",
    ]

    /// Whitespace of every kind.
    static let spaces: [Unicode.Scalar] = [
        " ", "\t", "\n", "\r", "\u{00A0}", "\u{2000}", "\u{2005}", "\u{200A}", "\u{3000}",
        "\u{202F}", "\u{2028}",
    ]

    /// Zero-width and bidi control characters.
    static let invisibles: [Unicode.Scalar] = [
        "\u{200B}", "\u{200C}", "\u{200C}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}",
        "\u{00AD}", "\u{FEFF}", "\u{2060}", "\u{061C}", "\u{202B}", "\u{2067}",
    ]

    /// Latin letters (both cases, with tricky case mappings), punctuation and presentation forms.
    static let others: [Unicode.Scalar] =
        scalars("aZkKİßΣΩǅﬁＡ٫،؟/-.ﻙﻳﷲ") + ["\u{212A}", "\u{2126}", "\u{00B2}", "\u{FDFA}"]

    /// The mix of all alphabets above.
    static let mixed: [Unicode.Scalar] = letters + digits + marks + spaces + invisibles + others

    private static func scalars(_ text: String) -> [Unicode.Scalar] {
        Array(text.unicodeScalars)
    }
}
