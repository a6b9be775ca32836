import Catalog
import Foundation
import MizPersian
import MizSchema

/// One query of the benchmark: what a citizen types and why it is in the set.
struct BenchmarkQuery: Sendable {
    /// How the query tests the search.
    enum Kind: String, Sendable {
        /// Every word as in the catalog.
        case exact
        /// Two words typed apart that the catalog writes as one («بهره برداری»).
        case joined
        /// One word one typo away from a catalog word.
        case typo
        /// Arabic ي and ك instead of Persian ی and ک.
        case arabic
        /// The last word unfinished, as while typing.
        case prefix
        /// Digits in another script than the catalog's.
        case digits
        /// Nothing in the catalog matches: every word is compared with the whole vocabulary.
        case miss
    }

    /// The text as typed.
    let text: String
    /// Why it is in the set.
    let kind: Kind
}

/// The queries of the benchmark: a fixed set for the in-service measurement and a generated
/// list of many distinct searches for the uncached HTTP case.
enum BenchmarkQueries {
    /// The query of the cached HTTP case and of the bare route's body: a popular search.
    static let headline = "تمدید پروانه چرا"

    /// Realistic three-word Persian queries over the seed catalog, of every kind.
    static let fixed: [BenchmarkQuery] = [
        BenchmarkQuery(text: headline, kind: .exact),
        BenchmarkQuery(text: "مجوز حمل چوب", kind: .exact),
        BenchmarkQuery(text: "استعلام ملی زمین", kind: .exact),
        BenchmarkQuery(text: "گزارش قطع غیرمجاز", kind: .exact),
        BenchmarkQuery(text: "پروانه بهره برداری", kind: .joined),
        BenchmarkQuery(text: "تمدید پروانح چرا", kind: .typo),
        BenchmarkQuery(text: "درخواست نهالل رایگان", kind: .typo),
        BenchmarkQuery(text: "اعتراض ممیزی مرتغ", kind: .typo),
        BenchmarkQuery(text: "زراعت چوب تسحیلات", kind: .typo),
        BenchmarkQuery(text: "گزارش تصرف اراضي", kind: .arabic),
        BenchmarkQuery(text: "كميسيون ماده ۵۶", kind: .arabic),
        BenchmarkQuery(text: "مجوز زنبورداري مراتع", kind: .arabic),
        BenchmarkQuery(text: "درخواست اجرای عملی", kind: .prefix),
        BenchmarkQuery(text: "جبران خسارت ارز", kind: .prefix),
        BenchmarkQuery(text: "صدور گواهی مستث", kind: .prefix),
        BenchmarkQuery(text: "کمیسیون بند 49", kind: .digits),
        BenchmarkQuery(text: "گواهینامه رانندگی پایه", kind: .miss),
    ]

    /// `count` distinct three-word searches (distinct after the gateway's normalization, so
    /// each is its own reply-cache entry): the fixed set, then searches made from the seed's
    /// titles and keywords, each exact, unfinished, with a typo or with Arabic letters.
    static func generated(from seed: SeedCatalog, count: Int) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        func add(_ text: String) {
            guard result.count < count, seen.insert(PersianText.normalizedForSearch(text)).inserted else { return }
            result.append(text)
        }
        for query in fixed { add(query.text) }
        let phrases = seed.services.filter { $0.active }.map { threeWordPhrases(of: $0.draft.title, $0.draft.keywords) }
        // Round-robin over the services, the variant kind turning with every search, so any
        // prefix of the list covers the whole catalog and every kind; later passes give each
        // phrase its other kinds.
        let longest = phrases.map(\.count).max() ?? 0
        for pass in 0..<4 {
            var turn = 0
            for position in 0..<longest {
                for service in phrases where position < service.count {
                    let words = service[position]
                    turn += 1
                    switch (turn + pass) % 4 {
                    case 0: add(words.joined(separator: " "))
                    case 1: add(unfinished(words).joined(separator: " "))
                    case 2: add(withTypo(words).joined(separator: " "))
                    default: add(withArabicLetters(words.joined(separator: " ")))
                    }
                }
            }
        }
        return result
    }

    /// Three-word phrases a citizen might type for a service: runs of three title words,
    /// and each keyword completed to three words with words of the title.
    static func threeWordPhrases(of title: String, _ keywords: [String]) -> [[String]] {
        let titleWords = words(of: title)
        var phrases: [[String]] = []
        if titleWords.count >= 3 {
            for start in 0...(titleWords.count - 3) { phrases.append(Array(titleWords[start..<start + 3])) }
        }
        for keyword in keywords {
            let keywordWords = words(of: keyword)
            let filler = titleWords.filter { !keywordWords.contains($0) }
            let phrase = Array((keywordWords + filler).prefix(3))
            if phrase.count == 3 { phrases.append(phrase) }
        }
        return phrases.filter { phrase in
            Set(phrase).count == phrase.count && !edgeWords.contains(phrase[0]) && !edgeWords.contains(phrase[2])
        }
    }

    /// Words nobody starts or ends a search with.
    static let edgeWords: Set<String> = ["و", "در", "از", "به", "با", "برای", "یا", "بودن"]

    /// The words of a text, without brackets.
    static func words(of text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace)
            .map { String($0.unicodeScalars.filter { !"()«»".unicodeScalars.contains($0) }.map(Character.init)) }
            .filter { !$0.isEmpty }
    }

    /// The phrase with its last word cut to about two thirds, as while typing.
    static func unfinished(_ words: [String]) -> [String] {
        guard let last = words.last, last.count >= 3 else { return words }
        return words.dropLast() + [String(last.prefix(Swift.max(2, last.count * 2 / 3)))]
    }

    /// The phrase with two neighbouring letters swapped in its longest word (one typo).
    static func withTypo(_ words: [String]) -> [String] {
        guard let longest = words.indices.max(by: { words[$0].count < words[$1].count }),
            words[longest].count >= 4
        else { return words }
        var letters = Array(words[longest])
        letters.swapAt(1, 2)
        var result = words
        result[longest] = String(letters)
        return result
    }

    /// The text with Persian ی and ک written as Arabic ي and ك.
    static func withArabicLetters(_ text: String) -> String {
        String(
            text.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "\u{06CC}": "\u{064A}"
                case "\u{06A9}": "\u{0643}"
                default: Character(scalar)
                }
            })
    }

    /// The `GET /api/v1/services` path of a search, with `q` (and `province`) URL-encoded.
    static func path(_ text: String, province: String? = nil) -> String {
        var path = "/api/v1/services?q=" + urlEncoded(text)
        if let province { path += "&province=" + urlEncoded(province) }
        return path
    }

    /// The text percent-encoded as UTF-8, keeping only RFC 3986's unreserved characters.
    static func urlEncoded(_ text: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
