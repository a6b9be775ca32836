import Foundation
import MizPersian
import Testing

@Suite("MobileNumber")
struct MobileNumberTests {
    @Test(
        "Accepts every common format and any digits",
        arguments: [
            "09121234567", "+989121234567", "00989121234567", "989121234567", "9121234567",
            "۰۹۱۲۱۲۳۴۵۶۷", "٠٩١٢١٢٣٤٥٦٧", "0912 123 4567", "0912-123-4567", "(0912) 123-4567",
            "+98 (912) 123 45 67", "+98 0912 123 4567", "0098-0912-123-4567", " ۰۹۱۲ ۱۲۳ ۴۵۶۷ ",
            "\u{200E}+989121234567\u{200E}", "＋989121234567",
        ])
    func acceptsFormats(input: String) throws {
        let number = try MobileNumber(validating: input)
        #expect(number.digits == "09121234567")
        #expect(number.operator == .mci)
    }

    @Test(
        "Identifies the operator from the prefix",
        arguments: [
            ("0910", MobileNumber.Operator.mci), ("0915", .mci), ("0919", .mci), ("0990", .mci),
            ("0994", .mci),
            ("0901", .irancell), ("0905", .irancell), ("0930", .irancell), ("0933", .irancell),
            ("0935", .irancell), ("0939", .irancell), ("0941", .irancell),
            ("0920", .rightel), ("0921", .rightel), ("0922", .rightel),
            ("0932", .taliya), ("0998", .shatel),
        ])
    func operators(prefix: String, expected: MobileNumber.Operator) throws {
        let number = try MobileNumber(validating: prefix + "1234567")
        #expect(number.operator == expected)
        #expect(number.digits == prefix + "1234567")
    }

    @Test(
        "Rejects unknown operator prefixes with the prefix",
        arguments: [
            "0900", "0906", "0909", "0923", "0925", "0931", "0934", "0940", "0942", "0995", "0999",
        ])
    func unknownPrefixes(prefix: String) {
        #expect(throws: MobileNumber.ValidationError.unknownOperatorPrefix(prefix)) {
            try MobileNumber(validating: prefix + "1234567")
        }
    }

    @Test(
        "Rejects malformed input with the specific reason",
        arguments: [
            ("", MobileNumber.ValidationError.empty),
            (" - ( ) ", .empty),
            ("+", .invalidFormat),
            ("0912123456", .invalidFormat),
            ("091212345678", .invalidFormat),
            ("02112345678", .invalidFormat),
            ("+19121234567", .invalidFormat),
            ("+98091212345678", .invalidFormat),
            ("8121234567", .invalidFormat),
            ("0912.123.4567", .invalidCharacters),
            ("0912123456a", .invalidCharacters),
            ("0912+1234567", .invalidCharacters),
            ("++989121234567", .invalidCharacters),
        ])
    func rejectsMalformed(input: String, expected: MobileNumber.ValidationError) {
        #expect(throws: expected) { try MobileNumber(validating: input) }
    }

    @Test("Errors have Persian messages")
    func messages() {
        #expect(MobileNumber.ValidationError.empty.persianMessage == "شماره تلفن همراه وارد نشده است")
        #expect(
            MobileNumber.ValidationError.invalidCharacters.persianMessage
                == "شماره تلفن همراه فقط باید شامل رقم باشد")
        #expect(
            MobileNumber.ValidationError.invalidFormat.persianMessage
                == "شماره تلفن همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود")
        #expect(
            MobileNumber.ValidationError.unknownOperatorPrefix("0925").persianMessage
                == "پیش‌شماره ۰۹۲۵ به هیچ اپراتور تلفن همراه شناخته‌شده‌ای تعلق ندارد")
        #expect(
            MobileNumber.Operator.allCases.map(\.persianName) == [
                "همراه اول", "ایرانسل", "رایتل", "تالیا", "شاتل موبایل",
            ])
    }

    @Test("Logging forms are masked")
    func masking() throws {
        let number = try MobileNumber(validating: "09121234567")
        #expect(number.masked == "0912***4567")
        #expect("\(number)" == "0912***4567")
        #expect(String(reflecting: number) == "MobileNumber(0912***4567)")
        var dumped = ""
        dump(number, to: &dumped)
        #expect(dumped.contains("0912***4567") && !dumped.contains("09121234567"))
    }

    @Test("International format")
    func international() throws {
        #expect(try MobileNumber(validating: "۰۹۳۵ ۱۱۱ ۲۲۳۳").internationalFormat == "+989351112233")
    }

    @Test("Random valid numbers round-trip through every format", arguments: 0..<10)
    func roundTrip(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let prefixes = ["910", "912", "919", "990", "901", "935", "941", "920", "932", "998"]
        for _ in 0..<100 {
            let subscriber = (0..<7).map { _ in String(Int.random(in: 0...9, using: &generator)) }
                .joined()
            let national = "0" + prefixes.randomElement(using: &generator)! + subscriber
            let forms = [
                national, "+98" + national.dropFirst(), "0098" + national.dropFirst(),
                PersianDigits.display(national),
            ]
            for form in forms {
                #expect(try MobileNumber(validating: form).digits == national)
            }
        }
    }

    @Test("Codable as the canonical string, validated on decoding")
    func codable() throws {
        let number = try MobileNumber(validating: "+98 935 111 2233")
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == #"["09351112233"]"#)
        #expect(try JSONDecoder().decode([MobileNumber].self, from: data) == [number])
        do {
            _ = try JSONDecoder().decode([MobileNumber].self, from: Data(#"["09251112233"]"#.utf8))
            Issue.record("decoding an unknown prefix must fail")
        } catch {
            #expect(error is DecodingError)
            #expect(!"\(error)".contains("09251112233"))
        }
    }
}
