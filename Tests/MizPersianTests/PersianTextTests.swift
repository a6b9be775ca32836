import MizPersian
import Testing

/// Returns the code points of `text`, for comparisons stricter than `String ==` (which
/// treats canonically equivalent strings as equal).
func codePoints(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value)
}

/// Returns whether `text` contains the scalar `value` twice in a row.
func hasAdjacentPair(_ text: String, _ value: UInt32) -> Bool {
    let points = codePoints(text)
    return zip(points, points.dropFirst()).contains { $0 == value && $1 == value }
}

@Suite("PersianText.normalizedForSearch")
struct PersianTextSearchTests {
    @Test(
        "Folds letters, marks, digits, case and invisible characters",
        arguments: [
            ("علي", "علی"),
            ("موسى", "موسی"),
            ("پائیز", "پاییز"),
            ("مسئول", "مسیول"),
            ("كتاب", "کتاب"),
            ("مدرسة", "مدرسه"),
            ("خانۀ", "خانه"),
            ("خانهٔ", "خانه"),
            ("\u{06D5}\u{0654}", "\u{0647}"),
            ("أحمد", "احمد"),
            ("إيران", "ایران"),
            ("آب", "اب"),
            ("ٱلله", "الله"),
            ("مؤمن", "مومن"),
            ("كِتَابٌ", "کتاب"),
            ("محمّد", "محمد"),
            ("رحمٰن", "رحمن"),
            ("اً\u{0655}", "ا"),
            ("سـلام", "سلام"),
            ("می‌روم", "میروم"),
            ("م\u{200B}ی\u{200D}ر\u{200E}و\u{200F}م\u{00AD}\u{FEFF}", "میروم"),
            ("\u{202B}تهران\u{202C}", "تهران"),
            ("۱۲۳٤٥٦789۰٠0", "123456789000"),
            ("Tehran ABC", "tehran abc"),
            (" \t سلام\u{00A0}\u{2003}دنیا\n\r\n ", "سلام دنیا"),
            ("a \u{200C} b", "a b"),
            ("ﻛﺘﺎﺏ", "کتاب"),
            ("ＡＢＣ１２", "abc12"),
            ("کد: ۱۲۳/۴", "کد: 123/4"),
            ("", ""),
            (" \u{200C}\u{00A0} ", ""),
        ])
    func folds(input: String, expected: String) {
        #expect(codePoints(PersianText.normalizedForSearch(input)) == codePoints(expected))
    }

    @Test("Never produces Kurdish ae and keeps it distinct from heh")
    func keepsHehAndKurdishAeApart() {
        #expect(PersianText.normalizedForSearch("ه") == "\u{0647}")
        #expect(PersianText.normalizedForSearch("ە") == "\u{06D5}")
        #expect(!PersianText.normalizedForSearch("خانه خانۀ خانة").unicodeScalars.contains("\u{06D5}"))
    }

    @Test(
        "Variant spellings share one search form",
        arguments: [
            ["می‌روم", "میروم", "مي\u{200C}روم", "مـی\u{200F}روم"],
            ["كتابخانة", "کتابخانه", "کتابخانۀ", "کِتابخانه"],
            ["۱۴۰۳", "١٤٠٣", "1403"],
            ["آیین", "آئین", "ائین"],
            ["TEHRAN", "tehran", "Tehran"],
        ])
    func variantsAgree(variants: [String]) {
        let forms = Set(variants.map { codePoints(PersianText.normalizedForSearch($0)) })
        #expect(forms.count == 1)
    }

    @Test("Is idempotent and leaves no folded character behind", arguments: 0..<40)
    func idempotentOnRandomText(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<250 {
            let input = generator.string(from: TestAlphabet.mixed, maxLength: 24)
            let once = PersianText.normalizedForSearch(input)
            let twice = PersianText.normalizedForSearch(once)
            #expect(codePoints(twice) == codePoints(once), "input: \(codePoints(input))")
            let forbidden: Set<UInt32> = [
                0x064A, 0x0649, 0x0626, 0x0643, 0x0629, 0x06C0, 0x0622, 0x0623, 0x0625, 0x0671,
                0x0624, 0x0640, 0x0670, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x00AD, 0xFEFF,
            ]
            let points = codePoints(once)
            #expect(points.allSatisfy { !forbidden.contains($0) && !(0x064B...0x065F).contains($0) })
            #expect(
                points.allSatisfy { !(0x06F0...0x06F9).contains($0) && !(0x0660...0x0669).contains($0) })
            #expect(!hasAdjacentPair(once, 0x20) && points.first != 0x20 && points.last != 0x20)
            #expect(once.unicodeScalars.allSatisfy { $0 == " " || !$0.properties.isWhitespace })
        }
    }

    @Test("compactedForSearch ignores spacing and ZWNJ")
    func compacted() {
        let keys = Set(["می روم", "می‌روم", "میروم", " مي  روم "].map(PersianText.compactedForSearch))
        #expect(keys == ["میروم"])
    }

    @Test(
        "matchesSearch finds queries across spelling and spacing variants",
        arguments: [
            ("میروم", "ما فردا می‌روم خانه", true),
            ("مي روم", "ما فردا می‌روم", true),
            ("كتابخانة مركزي", "کتابخانۀ مرکزی دانشگاه", true),
            ("۱۲۳", "پلاک 123", true),
            ("TEHRAN", "Tehran Province", true),
            ("", "هر متنی", true),
            ("شیراز", "تهران", false),
            ("میرویم", "می‌روم", false),
        ])
    func matches(query: String, text: String, expected: Bool) {
        #expect(PersianText.matchesSearch(query, in: text) == expected)
    }

    @Test(
        "searchTokens splits on whitespace and punctuation",
        arguments: [
            ("تهران، خیابانِ آزادی - پلاک ۱۲", ["تهران", "خیابان", "ازادی", "پلاک", "12"]),
            ("  می‌روم   به   مدرسة  ", ["میروم", "به", "مدرسه"]),
            ("razavi-khorasan", ["razavi", "khorasan"]),
            ("۱۴۰۳/۱۲/۳۰", ["1403", "12", "30"]),
            ("؟!،.", []),
            ("", []),
        ])
    func tokens(input: String, expected: [String]) {
        #expect(PersianText.searchTokens(input).map(codePoints) == expected.map(codePoints))
    }
}

@Suite("PersianText.normalizedForDisplay")
struct PersianTextDisplayTests {
    @Test(
        "Applies the light display cleanup",
        arguments: [
            ("علي كتاب", "علی کتاب"),
            ("موسى", "موسی"),
            ("سـلام", "سلام"),
            ("می\u{200C}\u{200C}\u{200C}روم", "می\u{200C}روم"),
            ("می\u{200C}ـ\u{200C}روم", "می\u{200C}روم"),
            ("\u{200C}کتاب\u{200C}", "کتاب"),
            ("کتاب\u{200C} ها", "کتاب ها"),
            ("کتاب \u{200C}ها", "کتاب ها"),
            ("  سلام \t\n  دنیا\u{00A0} ", "سلام دنیا"),
            ("کِتابٌ", "کِتابٌ"),
            ("خانۀ مدرسة", "خانۀ مدرسة"),
            ("۱۲3٤", "۱۲3٤"),
            ("آئین", "آئین"),
            ("", ""),
        ])
    func cleans(input: String, expected: String) {
        #expect(codePoints(PersianText.normalizedForDisplay(input)) == codePoints(expected))
    }

    @Test("Is idempotent", arguments: 0..<40)
    func idempotentOnRandomText(seed: UInt64) {
        var generator = SeededGenerator(seed: seed &+ 1000)
        for _ in 0..<250 {
            let input = generator.string(from: TestAlphabet.mixed, maxLength: 24)
            let once = PersianText.normalizedForDisplay(input)
            #expect(codePoints(PersianText.normalizedForDisplay(once)) == codePoints(once))
            #expect(!hasAdjacentPair(once, 0x200C) && !hasAdjacentPair(once, 0x20))
            #expect(
                !once.unicodeScalars.contains("\u{0640}") && !once.unicodeScalars.contains("\u{064A}"))
        }
    }
}
