import Foundation
import MizPersian
import Testing

@Suite("Province")
struct ProvinceTests {
    /// The reference table: number, slug, Persian name, English name, Persian capital.
    static let reference: [(String, String, String, String, String)] = [
        ("00", "markazi", "مرکزی", "Markazi", "اراک"),
        ("01", "gilan", "گیلان", "Gilan", "رشت"),
        ("02", "mazandaran", "مازندران", "Mazandaran", "ساری"),
        ("03", "east-azerbaijan", "آذربایجان شرقی", "East Azerbaijan", "تبریز"),
        ("04", "west-azerbaijan", "آذربایجان غربی", "West Azerbaijan", "ارومیه"),
        ("05", "kermanshah", "کرمانشاه", "Kermanshah", "کرمانشاه"),
        ("06", "khuzestan", "خوزستان", "Khuzestan", "اهواز"),
        ("07", "fars", "فارس", "Fars", "شیراز"),
        ("08", "kerman", "کرمان", "Kerman", "کرمان"),
        ("09", "razavi-khorasan", "خراسان رضوی", "Razavi Khorasan", "مشهد"),
        ("10", "isfahan", "اصفهان", "Isfahan", "اصفهان"),
        ("11", "sistan-and-baluchestan", "سیستان و بلوچستان", "Sistan and Baluchestan", "زاهدان"),
        ("12", "kurdistan", "کردستان", "Kurdistan", "سنندج"),
        ("13", "hamadan", "همدان", "Hamadan", "همدان"),
        (
            "14", "chaharmahal-and-bakhtiari", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari", "شهرکرد"
        ),
        ("15", "lorestan", "لرستان", "Lorestan", "خرم‌آباد"),
        ("16", "ilam", "ایلام", "Ilam", "ایلام"),
        (
            "17", "kohgiluyeh-and-boyer-ahmad", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad",
            "یاسوج"
        ),
        ("18", "bushehr", "بوشهر", "Bushehr", "بوشهر"),
        ("19", "zanjan", "زنجان", "Zanjan", "زنجان"),
        ("20", "semnan", "سمنان", "Semnan", "سمنان"),
        ("21", "yazd", "یزد", "Yazd", "یزد"),
        ("22", "hormozgan", "هرمزگان", "Hormozgan", "بندرعباس"),
        ("23", "tehran", "تهران", "Tehran", "تهران"),
        ("24", "ardabil", "اردبیل", "Ardabil", "اردبیل"),
        ("25", "qom", "قم", "Qom", "قم"),
        ("26", "qazvin", "قزوین", "Qazvin", "قزوین"),
        ("27", "golestan", "گلستان", "Golestan", "گرگان"),
        ("28", "north-khorasan", "خراسان شمالی", "North Khorasan", "بجنورد"),
        ("29", "south-khorasan", "خراسان جنوبی", "South Khorasan", "بیرجند"),
        ("30", "alborz", "البرز", "Alborz", "کرج"),
    ]

    @Test("There are 31 provinces in code order with the reference data")
    func table() {
        #expect(Province.all.count == 31)
        #expect(Province.all == Province.allCases)
        for (province, row) in zip(Province.all, Self.reference) {
            #expect(province.number == row.0)
            #expect(province.isoCode == "IR-" + row.0)
            #expect(province.slug == row.1)
            #expect(province.persianName == row.2)
            #expect(province.englishName == row.3)
            #expect(province.persianCapitalName == row.4)
        }
    }

    @Test("Slugs, codes and names are unique; slugs are lowercase kebab ASCII")
    func uniqueness() {
        #expect(Set(Province.all.map(\.slug)).count == 31)
        #expect(Set(Province.all.map(\.isoCode)).count == 31)
        #expect(Set(Province.all.map(\.persianName)).count == 31)
        #expect(Set(Province.all.map(\.englishName)).count == 31)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz-")
        #expect(
            Province.all.allSatisfy { $0.slug.allSatisfy(allowed.contains) && !$0.slug.hasPrefix("-") })
    }

    @Test("Every lookup round-trips", arguments: Province.allCases)
    func lookupsRoundTrip(province: Province) {
        #expect(Province(slug: province.slug) == province)
        #expect(Province(code: province.isoCode) == province)
        #expect(Province(code: province.number) == province)
        #expect(Province(code: PersianDigits.display(province.number)) == province)
        #expect(Province(code: province.isoCode.lowercased()) == province)
        #expect(Province(matching: province.persianName) == province)
        #expect(Province(matching: province.englishName) == province)
        #expect(Province(matching: province.englishName.uppercased()) == province)
        #expect(Province(matching: "استان " + province.persianName) == province)
        #expect(Province(matching: province.englishName + " Province") == province)
        #expect(Province(matching: province.slug) == province)
    }

    @Test(
        "Matching tolerates spelling variants",
        arguments: [
            ("آذربايجان شرقي", Province.eastAzerbaijan),
            ("اذربایجان‌غربی", .westAzerbaijan),
            ("خراسان‌رضوی", .razaviKhorasan),
            ("Khorasan Razavi", .razaviKhorasan),
            ("سيستان وبلوچستان", .sistanAndBaluchestan),
            ("Sistan & Baluchestan", .sistanAndBaluchestan),
            ("کهگیلویه و بویر احمد", .kohgiluyehAndBoyerAhmad),
            ("Kohgiluyeh and Boyer Ahmad", .kohgiluyehAndBoyerAhmad),
            ("چهار محال و بختیاری", .chaharmahalAndBakhtiari),
            ("Esfahan", .isfahan),
            ("Kordestan", .kurdistan),
            ("  tehran ", .tehran),
            ("استان تهران", .tehran),
            ("كرمان", .kerman),
            ("کرمانشاه", .kermanshah),
        ])
    func matchingVariants(name: String, expected: Province) {
        #expect(Province(matching: name) == expected)
    }

    @Test("Unknown slugs, codes and names are rejected")
    func rejections() {
        #expect(Province(slug: "Tehran") == nil)
        #expect(Province(slug: "razavi_khorasan") == nil)
        #expect(Province(code: "31") == nil)
        #expect(Province(code: "IR-31") == nil)
        #expect(Province(code: "3") == nil)
        #expect(Province(code: "IR23") == nil)
        #expect(Province(code: "023") == nil)
        #expect(Province(code: "") == nil)
        #expect(Province(matching: "خراسان") == nil)
        #expect(Province(matching: "Azerbaijan") == nil)
        #expect(Province(matching: "استان") == nil)
        #expect(Province(matching: "") == nil)
        #expect(Province(matching: "مشهد") == nil)
    }

    @Test("Codable as the slug")
    func codable() throws {
        let data = try JSONEncoder().encode([Province.razaviKhorasan, .tehran])
        #expect(String(decoding: data, as: UTF8.self) == #"["razavi-khorasan","tehran"]"#)
        #expect(try JSONDecoder().decode([Province].self, from: data) == [.razaviKhorasan, .tehran])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Province].self, from: Data(#"["IR-23"]"#.utf8))
        }
    }
}

@Suite("Persian collation")
struct PersianCollationTests {
    @Test("titles sort in the order of the Persian alphabet, not by code point")
    func alphabeticalOrder() {
        let sorted = ["یزد", "گیلان", "پروانه", "اصفهان", "چوب", "کرمان", "ژاله", "مرتع"].sorted(
            by: PersianCollation.precedes)
        #expect(sorted == ["اصفهان", "پروانه", "چوب", "ژاله", "کرمان", "گیلان", "مرتع", "یزد"])
    }

    @Test("Arabic letter forms sort with their Persian letters")
    func arabicForms() {
        #expect(PersianCollation.key("كرمان") == PersianCollation.key("کرمان"))
        #expect(PersianCollation.precedes("علي", "غلامی"))
    }
}
