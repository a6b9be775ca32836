import Foundation
import MizPersian
import Testing

@Suite("NationalCode")
struct NationalCodeTests {
    @Test(
        "Accepts valid codes in any digits and common formats",
        arguments: [
            ("0013542419", "0013542419"),
            ("0499370899", "0499370899"),
            ("1234567891", "1234567891"),
            ("9876543210", "9876543210"),
            ("۰۰۱۳۵۴۲۴۱۹", "0013542419"),
            ("٠٠١٣٥٤٢٤١٩", "0013542419"),
            (" 001-354241-9 ", "0013542419"),
            ("۰۰۱ ۳۵۴۲۴۱ ۹", "0013542419"),
            ("\u{200F}0499370899\u{200F}", "0499370899"),
            ("13542419", "0013542419"),
            ("499370899", "0499370899"),
            ("01234560", "0001234560"),
        ])
    func acceptsValid(input: String, expected: String) throws {
        #expect(try NationalCode(validating: input).digits == expected)
    }

    @Test(
        "Rejects invalid input with the specific reason",
        arguments: [
            ("", NationalCode.ValidationError.empty),
            (" - ", .empty),
            ("1234567", .wrongLength),
            ("12345678901", .wrongLength),
            ("00135424a9", .nonDigit),
            ("0013542419.", .nonDigit),
            ("0013542418", .invalidCheckDigit),
            ("0013542410", .invalidCheckDigit),
            ("1234567890", .invalidCheckDigit),
            ("00000000", .repeatedDigits),
            ("000000000", .repeatedDigits),
        ])
    func rejectsInvalid(input: String, expected: NationalCode.ValidationError) {
        #expect(throws: expected) { try NationalCode(validating: input) }
    }

    @Test("Rejects the ten codes of ten equal digits", arguments: 0...9)
    func rejectsRepeatedDigits(digit: Int) {
        let input = String(repeating: String(digit), count: 10)
        #expect(throws: NationalCode.ValidationError.repeatedDigits) {
            try NationalCode(validating: input)
        }
    }

    @Test("Errors have Persian messages")
    func messages() {
        #expect(NationalCode.ValidationError.empty.persianMessage == "کد ملی وارد نشده است")
        #expect(NationalCode.ValidationError.wrongLength.persianMessage == "کد ملی باید ۱۰ رقم باشد")
        #expect(NationalCode.ValidationError.nonDigit.persianMessage == "کد ملی فقط باید شامل رقم باشد")
        #expect(NationalCode.ValidationError.repeatedDigits.persianMessage == "کد ملی معتبر نیست")
        #expect(NationalCode.ValidationError.invalidCheckDigit.persianMessage == "کد ملی معتبر نیست")
    }

    @Test(
        "makeValid appends the check digit",
        arguments: [
            ("001354241", "0013542419"), ("123456789", "1234567891"), ("987654321", "9876543210"),
            ("002004006", "0020040067"), ("111111112", "1111111121"),
        ])
    func makeValid(prefix: String, expected: String) {
        #expect(NationalCode.makeValid(prefix9: prefix).digits == expected)
    }

    @Test("Exactly one check digit is valid for a random prefix", arguments: 0..<20)
    func exactlyOneCheckDigit(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<100 {
            let prefix = (0..<9).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            guard Set(prefix).count > 1 else { continue }
            let code = NationalCode.makeValid(prefix9: prefix)
            #expect(code.digits.hasPrefix(prefix) && code.digits.count == 10)
            let valid = (0...9).filter { (try? NationalCode(validating: prefix + String($0))) != nil }
            #expect(valid.map(String.init) == [String(code.digits.last!)])
            #expect(try NationalCode(validating: PersianDigits.display(code.digits)) == code)
        }
    }

    @Test("Logging forms are masked and never show the full code")
    func masking() throws {
        let code = try NationalCode(validating: "0013542419")
        #expect(code.masked == "001******9")
        #expect(code.description == "001******9")
        #expect("\(code)" == "001******9")
        #expect(String(describing: code) == "001******9")
        #expect(String(reflecting: code) == "NationalCode(001******9)")
        var dumped = ""
        dump(code, to: &dumped)
        #expect(dumped.contains("001******9") && !dumped.contains("0013542419"))
        var printed = ""
        print([code], to: &printed)
        #expect(!printed.contains("0013542419"))
    }

    @Test("Codable as the plain ten-digit string, validated on decoding")
    func codable() throws {
        let code = try NationalCode(validating: "۰۴۹۹۳۷۰۸۹۹")
        let data = try JSONEncoder().encode([code])
        #expect(String(decoding: data, as: UTF8.self) == #"["0499370899"]"#)
        #expect(try JSONDecoder().decode([NationalCode].self, from: data) == [code])
        do {
            _ = try JSONDecoder().decode([NationalCode].self, from: Data(#"["0499370898"]"#.utf8))
            Issue.record("decoding an invalid code must fail")
        } catch {
            #expect(error is DecodingError)
            #expect(!"\(error)".contains("0499370898"))
        }
    }

    @Test("Codes from different input formats are equal and hash alike")
    func equality() throws {
        let codes = try ["0013542419", "۰۰۱۳۵۴۲۴۱۹", "13542419", "001-354241-9"].map(
            NationalCode.init(validating:))
        #expect(Set(codes).count == 1)
    }
}
