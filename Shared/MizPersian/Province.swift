import Foundation

/// One of the 31 provinces («استان») of Iran, with its ISO 3166-2:IR code (2020 revision),
/// Persian and English names and capital.
///
/// The raw value is a stable ASCII slug ("razavi-khorasan") used in URLs and storage;
/// Codable as that slug.
package enum Province: String, Sendable, Hashable, Codable, CaseIterable {
    /// Markazi (IR-00), capital Arak.
    case markazi
    /// Gilan (IR-01), capital Rasht.
    case gilan
    /// Mazandaran (IR-02), capital Sari.
    case mazandaran
    /// East Azerbaijan (IR-03), capital Tabriz.
    case eastAzerbaijan = "east-azerbaijan"
    /// West Azerbaijan (IR-04), capital Urmia.
    case westAzerbaijan = "west-azerbaijan"
    /// Kermanshah (IR-05), capital Kermanshah.
    case kermanshah
    /// Khuzestan (IR-06), capital Ahvaz.
    case khuzestan
    /// Fars (IR-07), capital Shiraz.
    case fars
    /// Kerman (IR-08), capital Kerman.
    case kerman
    /// Razavi Khorasan (IR-09), capital Mashhad.
    case razaviKhorasan = "razavi-khorasan"
    /// Isfahan (IR-10), capital Isfahan.
    case isfahan
    /// Sistan and Baluchestan (IR-11), capital Zahedan.
    case sistanAndBaluchestan = "sistan-and-baluchestan"
    /// Kurdistan (IR-12), capital Sanandaj.
    case kurdistan
    /// Hamadan (IR-13), capital Hamadan.
    case hamadan
    /// Chaharmahal and Bakhtiari (IR-14), capital Shahrekord.
    case chaharmahalAndBakhtiari = "chaharmahal-and-bakhtiari"
    /// Lorestan (IR-15), capital Khorramabad.
    case lorestan
    /// Ilam (IR-16), capital Ilam.
    case ilam
    /// Kohgiluyeh and Boyer-Ahmad (IR-17), capital Yasuj.
    case kohgiluyehAndBoyerAhmad = "kohgiluyeh-and-boyer-ahmad"
    /// Bushehr (IR-18), capital Bushehr.
    case bushehr
    /// Zanjan (IR-19), capital Zanjan.
    case zanjan
    /// Semnan (IR-20), capital Semnan.
    case semnan
    /// Yazd (IR-21), capital Yazd.
    case yazd
    /// Hormozgan (IR-22), capital Bandar Abbas.
    case hormozgan
    /// Tehran (IR-23), capital Tehran.
    case tehran
    /// Ardabil (IR-24), capital Ardabil.
    case ardabil
    /// Qom (IR-25), capital Qom.
    case qom
    /// Qazvin (IR-26), capital Qazvin.
    case qazvin
    /// Golestan (IR-27), capital Gorgan.
    case golestan
    /// North Khorasan (IR-28), capital Bojnurd.
    case northKhorasan = "north-khorasan"
    /// South Khorasan (IR-29), capital Birjand.
    case southKhorasan = "south-khorasan"
    /// Alborz (IR-30), capital Karaj.
    case alborz

    /// All provinces ordered by their two-digit number, from Markazi ("00") to Alborz ("30").
    package static let all: [Province] = allCases

    /// Finds a province by its slug, e.g. "razavi-khorasan"; `nil` if there is none.
    package init?(slug: String) {
        self.init(rawValue: slug)
    }

    /// Finds a province by its ISO code "IR-23" (any letter case) or two-digit number "23"
    /// (any digits); `nil` if there is none.
    package init?(code: String) {
        var text = Substring(PersianDigits.latin(code))
        if text.uppercased().hasPrefix("IR-") { text = text.dropFirst(3) }
        guard text.count == 2, let province = Self.all.first(where: { $0.number == text }) else {
            return nil
        }
        self = province
    }

    /// Finds a province by its Persian or English name (or a common variant spelling),
    /// insensitive to letter forms, case, spacing, ZWNJ, hyphens and a leading «استان» or
    /// trailing "province"; `nil` if no province matches.
    package init?(matching persianOrEnglishName: String) {
        guard let province = Self.nameIndex[Self.nameKey(persianOrEnglishName)] else { return nil }
        self = province
    }

    /// The slug, e.g. "sistan-and-baluchestan".
    package var slug: String { rawValue }

    /// The two-digit number, e.g. "23" for Tehran, used in process numbers.
    package var number: String {
        let index = Self.allCases.firstIndex(of: self)!
        return index < 10 ? "0\(index)" : "\(index)"
    }

    /// The ISO 3166-2:IR code, e.g. "IR-23".
    package var isoCode: String { "IR-" + number }

    /// The official Persian name without «استان», e.g. «خراسان رضوی».
    package var persianName: String { Self.details[self]!.persianName }

    /// The English name, e.g. "Razavi Khorasan".
    package var englishName: String { Self.details[self]!.englishName }

    /// The Persian name of the province's capital (centre), e.g. «مشهد».
    package var persianCapitalName: String { Self.details[self]!.persianCapitalName }

    // MARK: - Private

    private struct Details {
        let persianName: String
        let englishName: String
        let persianCapitalName: String
        let aliases: [String]
    }

    private static let details: [Province: Details] = [
        .markazi: Details(
            persianName: "مرکزی", englishName: "Markazi", persianCapitalName: "اراک", aliases: ["Central"]
        ),
        .gilan: Details(
            persianName: "گیلان", englishName: "Gilan", persianCapitalName: "رشت", aliases: ["Guilan"]),
        .mazandaran: Details(
            persianName: "مازندران", englishName: "Mazandaran", persianCapitalName: "ساری", aliases: []),
        .eastAzerbaijan: Details(
            persianName: "آذربایجان شرقی", englishName: "East Azerbaijan", persianCapitalName: "تبریز",
            aliases: ["East Azarbaijan", "Azerbaijan East", "Azarbayjan-e Sharqi"]),
        .westAzerbaijan: Details(
            persianName: "آذربایجان غربی", englishName: "West Azerbaijan", persianCapitalName: "ارومیه",
            aliases: ["West Azarbaijan", "Azerbaijan West", "Azarbayjan-e Gharbi"]),
        .kermanshah: Details(
            persianName: "کرمانشاه", englishName: "Kermanshah", persianCapitalName: "کرمانشاه",
            aliases: []),
        .khuzestan: Details(
            persianName: "خوزستان", englishName: "Khuzestan", persianCapitalName: "اهواز", aliases: []),
        .fars: Details(
            persianName: "فارس", englishName: "Fars", persianCapitalName: "شیراز", aliases: ["Pars"]),
        .kerman: Details(
            persianName: "کرمان", englishName: "Kerman", persianCapitalName: "کرمان", aliases: []),
        .razaviKhorasan: Details(
            persianName: "خراسان رضوی", englishName: "Razavi Khorasan", persianCapitalName: "مشهد",
            aliases: ["Khorasan Razavi", "Khorasan-e Razavi"]),
        .isfahan: Details(
            persianName: "اصفهان", englishName: "Isfahan", persianCapitalName: "اصفهان",
            aliases: ["Esfahan"]),
        .sistanAndBaluchestan: Details(
            persianName: "سیستان و بلوچستان", englishName: "Sistan and Baluchestan",
            persianCapitalName: "زاهدان",
            aliases: ["Sistan & Baluchestan", "Sistan and Baluchistan"]),
        .kurdistan: Details(
            persianName: "کردستان", englishName: "Kurdistan", persianCapitalName: "سنندج",
            aliases: ["Kordestan"]),
        .hamadan: Details(
            persianName: "همدان", englishName: "Hamadan", persianCapitalName: "همدان",
            aliases: ["Hamedan"]),
        .chaharmahalAndBakhtiari: Details(
            persianName: "چهارمحال و بختیاری", englishName: "Chaharmahal and Bakhtiari",
            persianCapitalName: "شهرکرد",
            aliases: ["Chaharmahal & Bakhtiari", "Chahar Mahaal and Bakhtiari"]),
        .lorestan: Details(
            persianName: "لرستان", englishName: "Lorestan", persianCapitalName: "خرم‌آباد",
            aliases: ["Luristan"]),
        .ilam: Details(
            persianName: "ایلام", englishName: "Ilam", persianCapitalName: "ایلام", aliases: []),
        .kohgiluyehAndBoyerAhmad: Details(
            persianName: "کهگیلویه و بویراحمد", englishName: "Kohgiluyeh and Boyer-Ahmad",
            persianCapitalName: "یاسوج",
            aliases: [
                "Kohgiluyeh & Boyer-Ahmad", "Kohgiluyeh and Boyer Ahmad", "Kohkiluyeh and Buyer Ahmad",
            ]),
        .bushehr: Details(
            persianName: "بوشهر", englishName: "Bushehr", persianCapitalName: "بوشهر",
            aliases: ["Bushire"]),
        .zanjan: Details(
            persianName: "زنجان", englishName: "Zanjan", persianCapitalName: "زنجان", aliases: []),
        .semnan: Details(
            persianName: "سمنان", englishName: "Semnan", persianCapitalName: "سمنان", aliases: []),
        .yazd: Details(persianName: "یزد", englishName: "Yazd", persianCapitalName: "یزد", aliases: []),
        .hormozgan: Details(
            persianName: "هرمزگان", englishName: "Hormozgan", persianCapitalName: "بندرعباس", aliases: []),
        .tehran: Details(
            persianName: "تهران", englishName: "Tehran", persianCapitalName: "تهران", aliases: ["Teheran"]
        ),
        .ardabil: Details(
            persianName: "اردبیل", englishName: "Ardabil", persianCapitalName: "اردبیل",
            aliases: ["Ardebil"]),
        .qom: Details(
            persianName: "قم", englishName: "Qom", persianCapitalName: "قم", aliases: ["Ghom"]),
        .qazvin: Details(
            persianName: "قزوین", englishName: "Qazvin", persianCapitalName: "قزوین", aliases: ["Ghazvin"]
        ),
        .golestan: Details(
            persianName: "گلستان", englishName: "Golestan", persianCapitalName: "گرگان", aliases: []),
        .northKhorasan: Details(
            persianName: "خراسان شمالی", englishName: "North Khorasan", persianCapitalName: "بجنورد",
            aliases: ["Khorasan North", "Khorasan-e Shomali"]),
        .southKhorasan: Details(
            persianName: "خراسان جنوبی", englishName: "South Khorasan", persianCapitalName: "بیرجند",
            aliases: ["Khorasan South", "Khorasan-e Jonubi"]),
        .alborz: Details(
            persianName: "البرز", englishName: "Alborz", persianCapitalName: "کرج", aliases: []),
    ]

    /// Every accepted name key (Persian, English, slug and aliases) mapped to its province.
    private static let nameIndex: [String: Province] = {
        var index: [String: Province] = [:]
        for province in allCases {
            let info = details[province]!
            for name in [info.persianName, info.englishName, province.slug] + info.aliases {
                let key = nameKey(name)
                precondition(index[key] == nil || index[key] == province, "Ambiguous province name \(name)")
                index[key] = province
            }
        }
        return index
    }()

    /// Folds a typed name to a lookup key: the search tokens of the name ("&" read as "and",
    /// punctuation such as hyphens separating words), a leading «استان»/"ostan"/"province" or
    /// trailing "province"/"ostan" dropped, joined without spaces.
    private static func nameKey(_ name: String) -> String {
        var words = PersianText.searchTokens(name.replacingOccurrences(of: "&", with: " and "))
        if words.count > 1, ["استان", "ostan", "province"].contains(words.first) {
            words.removeFirst()
        }
        if words.count > 1, ["province", "ostan"].contains(words.last) { words.removeLast() }
        return words.joined()
    }
}
