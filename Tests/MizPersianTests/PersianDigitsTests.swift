import MizPersian
import Testing

@Suite("PersianDigits")
struct PersianDigitsTests {
    @Test(
        "display formats integers with Persian digits",
        arguments: [
            (0, "۰"), (7, "۷"), (1403, "۱۴۰۳"), (-25, "-۲۵"), (9_876_543_210, "۹۸۷۶۵۴۳۲۱۰"),
            (Int.min, "-۹۲۲۳۳۷۲۰۳۶۸۵۴۷۷۵۸۰۸"),
        ])
    func displayInteger(value: Int, expected: String) {
        #expect(PersianDigits.display(value) == expected)
    }

    @Test("display accepts any BinaryInteger type")
    func displayOtherIntegerTypes() {
        #expect(PersianDigits.display(UInt8(255)) == "۲۵۵")
        #expect(PersianDigits.display(Int16(-12)) == "-۱۲")
        #expect(PersianDigits.display(UInt64.max) == "۱۸۴۴۶۷۴۴۰۷۳۷۰۹۵۵۱۶۱۵")
    }

    @Test(
        "display replaces ASCII and Arabic-Indic digits in text",
        arguments: [
            ("کد 123", "کد ۱۲۳"),
            ("٤٥٦", "۴۵۶"),
            ("1403/12/30", "۱۴۰۳/۱۲/۳۰"),
            ("۰۹۱۲", "۰۹۱۲"),
            ("abc", "abc"),
            ("", ""),
        ])
    func displayText(input: String, expected: String) {
        #expect(PersianDigits.display(input) == expected)
    }

    @Test(
        "latin converts every digit system to ASCII",
        arguments: [
            ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
            ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
            ("تلفن: ۰۹۱۲-٣٤٥ 67", "تلفن: 0912-345 67"),
            ("abc", "abc"),
        ])
    func latin(input: String, expected: String) {
        #expect(PersianDigits.latin(input) == expected)
    }

    @Test(
        "parseInteger accepts digits of any system with surrounding whitespace",
        arguments: [
            ("۱۴۰۳", 1403), ("١٤٠٣", 1403), ("1403", 1403), (" ۱2٣ ", 123), ("\u{00A0}\t۰۰۷\n", 7),
            ("0", 0), ("9223372036854775807", Int.max),
        ])
    func parseValid(input: String, expected: Int) {
        #expect(PersianDigits.parseInteger(input) == expected)
    }

    @Test(
        "parseInteger rejects anything but digits",
        arguments: [
            "", "   ", "-5", "+5", "1,000", "۱٬۰۰۰", "12a", "۱ ۲", "1.5", "١٤٠٣ سال", "\u{200C}12",
            "9223372036854775808", "99999999999999999999",
        ])
    func parseInvalid(input: String) {
        #expect(PersianDigits.parseInteger(input) == nil)
    }

    @Test("latin(display(n)) round-trips to String(n)", arguments: 0..<20)
    func roundTrip(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let value =
                Int.random(in: Int.min...Int.max, using: &generator)
                >> Int.random(in: 0...63, using: &generator)
            let shown = PersianDigits.display(value)
            #expect(PersianDigits.latin(shown) == String(value))
            #expect(shown.unicodeScalars.allSatisfy { $0 == "-" || (0x06F0...0x06F9).contains($0.value) })
            if value >= 0 { #expect(PersianDigits.parseInteger(shown) == value) }
        }
    }

    @Test("value(of:) reads single digits of each system")
    func digitValues() {
        #expect(PersianDigits.value(of: "۷") == 7)
        #expect(PersianDigits.value(of: "٧") == 7)
        #expect(PersianDigits.value(of: "7") == 7)
        #expect(PersianDigits.value(of: "a") == nil)
        #expect(PersianDigits.value(of: "٠") == 0 && PersianDigits.value(of: "۹") == 9)
    }
}
