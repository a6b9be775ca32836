import MizPersian
import PropertyBased
import Testing

/// The shortcut of both normalizations (text already in its form is returned as it is) must
/// never change a result: on random text, the normalization equals the full fold.
@Suite("PersianText shortcut for text already normalized")
struct PersianTextShortcutTests {
    /// Text as typed: mostly Persian letters in their folded form, lower-case Latin, ASCII
    /// digits and punctuation, with spaces and ZWNJ that may be doubled or at either end.
    static let typed: [Unicode.Scalar] =
        Array("ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی".unicodeScalars)
        + Array("azk09-./".unicodeScalars) + [" ", " ", " ", "\u{200C}", "\u{200C}"]

    /// What turns typed text into text the shortcut must refuse: Arabic ي ك ى and ة ۀ, hamza
    /// and madda forms, diacritics, tatweel, Persian and Arabic-Indic digits, capitals,
    /// other whitespace and invisibles, presentation forms and Kurdish ە.
    static let intruders: [Unicode.Scalar] =
        Array("يكىئةۀآأإٱؤەAZİ۱۲٣٤ﻙﷲ".unicodeScalars) + [
            "\u{064B}", "\u{064E}", "\u{0650}", "\u{0651}", "\u{0652}", "\u{0653}", "\u{0654}", "\u{0655}",
            "\u{0670}", "\u{0640}", "\u{0301}", "\u{00A0}", "\t", "\n", "\u{2009}", "\u{200B}", "\u{200D}",
            "\u{200F}", "\u{FEFF}", "\u{212A}",
        ]

    /// Random text: strings of typed scalars with or without a few intruders, and strings of
    /// the whole mixed test alphabet.
    static let text = Gen.frequency(
        (4, string(from: typed, length: 0...14)),
        (3, string(from: typed + intruders, length: 0...14)),
        (2, string(from: TestAlphabet.mixed, length: 0...20)),
    )

    private static func string(from alphabet: [Unicode.Scalar], length: ClosedRange<Int>)
        -> Generator<String, some Sequence & SendableMetatype>
    {
        Gen.int(in: 0...(alphabet.count - 1)).array(of: length).map { indices in
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: indices.map { alphabet[$0] })
            return String(scalars)
        }
    }

    @Test("normalizedForSearch equals the full search fold, with or without the scalar-by-scalar shortcut")
    func searchShortcutAgreesWithFullFold() async {
        var shortcuts = 0
        await propertyCheck(count: 3000, input: Self.text) { text in
            let full = PersianText.foldedForSearch(text)
            #expect(codePoints(PersianText.normalizedForSearch(text)) == codePoints(full))
            #expect(codePoints(PersianText.compactedForSearch(text)) == codePoints(full).filter { $0 != 0x20 })
            if let shortcut = PersianText.searchFormByScalars(text) {
                shortcuts += 1
                #expect(codePoints(shortcut) == codePoints(full))
            }
        }
        #expect(shortcuts > 300, "the generator must exercise the shortcut")
    }

    @Test("normalizedForDisplay equals the full display cleanup, and the shortcut only takes text it keeps")
    func displayShortcutAgreesWithFullCleanup() async {
        var shortcuts = 0
        await propertyCheck(count: 3000, input: Self.text) { text in
            let full = PersianText.foldedForDisplay(text)
            #expect(codePoints(PersianText.normalizedForDisplay(text)) == codePoints(full))
            if PersianText.isInDisplayForm(text) {
                shortcuts += 1
                #expect(codePoints(full) == codePoints(text))
            }
        }
        #expect(shortcuts > 300, "the generator must exercise the shortcut")
    }

    @Test(
        "Names as typed take the shortcut; variants that need the full fold do not",
        arguments: [
            ("محمدرضا", "محمدرضا", true),
            ("حسینی‌نژاد", "حسینینژاد", true),
            ("علی رضایی", "علی رضایی", true),
            ("آرش", "ارش", true),
            ("علي كريمي", "علی کریمی", false),
            ("tehran ۱۴۰۳", "tehran 1403", true),
            ("Tehran", nil, true),
            ("محمّد", nil, false),
            ("سـلام", nil, false),
            ("علی  رضایی", nil, false),
            (" علی", nil, false),
            ("علی \u{200C} رضایی", nil, false),
            ("حسینی\u{200C}", "حسینی", false),
            ("", nil, false),
        ])
    func shortcutTakesTypedNames(text: String, searchForm: String?, inDisplayForm: Bool) {
        #expect(PersianText.searchFormByScalars(text).map(codePoints) == searchForm.map(codePoints))
        #expect(PersianText.isInDisplayForm(text) == inDisplayForm)
    }
}
