import MizPersian
import MizSchema

/// The catalog's search, in memory and without I/O: built once from the current version of
/// every profile, then asked many times.
///
/// Matching is made to forgive how citizens type:
/// - Query and text are folded by `PersianText` (Arabic ي/ك, digits of any script, ZWNJ,
///   diacritics, case), and words may come in any order.
/// - Every word must match somewhere in the profile (title, keywords, summary or
///   description), except a few Persian function words such as «و» or «برای» when they are
///   not the last word.
/// - The last word also matches as a prefix, so results follow the typing.
/// - A word of four or more letters (not a number) also matches a word one typo away
///   (Damerau–Levenshtein distance 1); the last word, a prefix one typo away.
/// - Two neighbouring query words also match as one joined word, because people type
///   «بهره برداری» for «بهره‌برداری».
///
/// Ranking: each query word scores by the best field it matched in — title, then keywords,
/// then summary, then description, each field outweighing any match in the ones after it —
/// times how it matched (exact, prefix, typo). The scores add up; ties go to the title in
/// Persian alphabetical order.
///
/// Speed: the distinct tokens of the catalog form a vocabulary, and each field holds the ids
/// of its tokens. A query compares each of its words once with the vocabulary (a linear
/// distance-one test, not a dynamic programme) and then scores profiles by looking ids up.
package struct CatalogSearchIndex: Sendable {
    /// The fields searched, from the heaviest.
    package enum Field: Int, CaseIterable, Sendable {
        case title, keywords, summary, description

        /// The field's weight; each is more than the one after it at its worst match quality.
        var weight: Double {
            switch self {
            case .title: 8
            case .keywords: 4
            case .summary: 2
            case .description: 1
            }
        }
    }

    /// How a query word matched a token, from none to exact.
    enum MatchQuality: UInt8, Sendable {
        case none = 0, typo, prefix, exact

        /// The factor applied to the field's weight; no factor drops a field below the next.
        var factor: Double {
            switch self {
            case .none: 0
            case .typo: 0.6
            case .prefix: 0.85
            case .exact: 1
            }
        }
    }

    /// Which services a search or list looks at.
    package struct Filter: Sendable, Equatable {
        /// Only services offered in this province slug.
        package var province: String?
        /// Only services of this category key.
        package var category: String?
        /// Also deactivated services (staff lists).
        package var includeInactive: Bool
        /// Only deactivated services (the administrators' list of what is switched off).
        package var onlyInactive: Bool

        /// Makes a filter; by default active services everywhere.
        package init(
            province: String? = nil, category: String? = nil, includeInactive: Bool = false, onlyInactive: Bool = false
        ) {
            self.province = province
            self.category = category
            self.includeInactive = includeInactive
            self.onlyInactive = onlyInactive
        }
    }

    /// One profile as the index holds it.
    struct Entry: Sendable {
        let profile: ServiceProfile
        let title: SearchableText
        let summary: SearchableText
        /// Per field (by `Field.rawValue`), the distinct token ids it holds.
        let fieldTokens: [[Int32]]
    }

    /// Persian words that carry no meaning of their own; not required to match unless last.
    static let functionWords: Set<String> = [
        "و", "در", "به", "از", "با", "برای", "که", "را", "تا", "یا", "این", "ان", "بر", "هر", "ی",
    ]

    /// The store revision the index was built from.
    package let revision: Int64
    /// The categories, in the catalog's order.
    package let categories: [CategoryDefinition]
    /// All profiles, inactive ones included, in Persian title order.
    let entries: [Entry]
    /// The distinct tokens, by id, as unicode scalar values.
    let vocabulary: [[UInt32]]
    /// Whether each token is made only of digits (numbers are never typo-matched).
    let isNumber: [Bool]
    /// Token to id.
    let tokenIds: [String: Int32]

    /// Builds the index from a store snapshot: the current version of every service.
    package init(snapshot: CatalogSnapshot) {
        self.init(profiles: snapshot.profiles, categories: snapshot.categories, revision: snapshot.revision)
    }

    /// Builds the index from the current version of every service.
    package init(profiles: [ServiceProfile], categories: [CategoryDefinition], revision: Int64 = 0) {
        var tokenIds: [String: Int32] = [:]
        var vocabulary: [[UInt32]] = []
        func id(of token: String) -> Int32 {
            if let known = tokenIds[token] { return known }
            let new = Int32(vocabulary.count)
            tokenIds[token] = new
            vocabulary.append(token.unicodeScalars.map(\.value))
            return new
        }
        func ids(_ tokens: [String]) -> [Int32] {
            var seen = Set<Int32>()
            return tokens.map(id(of:)).filter { seen.insert($0).inserted }
        }
        let ordered = profiles.map { ($0, PersianCollation.key($0.title)) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) || ($0.1 == $1.1 && $0.0.code < $1.0.code) }
        entries = ordered.map { profile, _ in
            let title = SearchableText(profile.title)
            let summary = SearchableText(profile.summary)
            let keywords = profile.keywords.flatMap { SearchableText($0).tokens }
            let description = SearchableText(profile.description).tokens
            return Entry(
                profile: profile, title: title, summary: summary,
                fieldTokens: [ids(title.tokens), ids(keywords), ids(summary.tokens), ids(description)])
        }
        self.vocabulary = vocabulary
        self.tokenIds = tokenIds
        self.isNumber = vocabulary.map { token in token.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        self.categories = categories
        self.revision = revision
    }

    /// The current version of a service, active or not.
    package func profile(code: String) -> ServiceProfile? {
        entries.first { $0.profile.code == code }?.profile
    }

    /// How many active services each province slug offers.
    package func activeServiceCount(province slug: String) -> Int {
        entries.count { $0.profile.active && $0.profile.provinces.includes(slug) }
    }

    /// How many active services each category holds.
    package func activeServiceCount(category key: String) -> Int {
        entries.count { $0.profile.active && $0.profile.category == key }
    }

    /// Finds the services matching `text` and `filter`, best first, and returns one page.
    ///
    /// Text without any word lists every service the filter admits, in title order. `page`
    /// counts from 1 and `pageSize` must be positive; a page past the end is empty.
    package func search(_ text: String, filter: Filter, page: Int, pageSize: Int) -> CatalogSearchResults {
        let words = SearchableText(text).tokens
        var hits: [(entry: Entry, score: Double)] = []
        var matched: [Bool] = []
        if words.isEmpty {
            hits = entries.filter { admits($0, filter) }.map { ($0, 0) }
        } else {
            let terms = QueryTerms(words: words, index: self)
            matched = terms.anyMatch
            for entry in entries where admits(entry, filter) {
                if let score = terms.score(entry) { hits.append((entry, score)) }
            }
            // `entries` is in title order and the sort is stable, so ties stay in title order.
            hits.sort { $0.score > $1.score }
        }
        let size = max(1, pageSize)
        let (offset, overflow) = (max(1, page) - 1).multipliedReportingOverflow(by: size)
        let first = overflow ? hits.count : min(hits.count, offset)
        let slice = hits[first..<(first + min(size, hits.count - first))]
        let isMatched: (String) -> Bool = { token in
            guard let id = tokenIds[token], Int(id) < matched.count else { return false }
            return matched[Int(id)]
        }
        let items = slice.map { hit in
            let profile = hit.entry.profile
            return ServiceSummary(
                code: profile.code, title: profile.title, summary: profile.summary, category: profile.category,
                provinces: profile.provinces, version: profile.version, processingDays: profile.processingDays,
                active: profile.active, titleHighlight: hit.entry.title.segments(isMatched: isMatched),
                summaryHighlight: hit.entry.summary.segments(isMatched: isMatched))
        }
        return CatalogSearchResults(items: items, total: hits.count, page: page, pageSize: pageSize)
    }

    private func admits(_ entry: Entry, _ filter: Filter) -> Bool {
        let profile = entry.profile
        if !profile.active, !filter.includeInactive, !filter.onlyInactive { return false }
        if profile.active, filter.onlyInactive { return false }
        if let category = filter.category, profile.category != category { return false }
        if let province = filter.province, !profile.provinces.includes(province) { return false }
        return true
    }
}

/// A query's words matched against the index's vocabulary once, ready to score profiles.
private struct QueryTerms {
    /// A word to find: one query word, or two neighbours joined.
    struct Term {
        /// The query words it stands for: `first..<first + width`.
        let first: Int
        let width: Int
        /// May stay unmatched (a function word that is not last).
        let isOptional: Bool
        /// The match quality of each vocabulary token.
        let quality: [CatalogSearchIndex.MatchQuality]
    }

    let wordCount: Int
    let singles: [Term]
    let pairs: [Term]
    /// Whether any term matched each vocabulary token, for highlighting.
    let anyMatch: [Bool]

    init(words: [String], index: CatalogSearchIndex) {
        wordCount = words.count
        let last = words.count - 1
        singles = words.enumerated().map { position, word in
            Term(
                first: position, width: 1,
                isOptional: position != last && CatalogSearchIndex.functionWords.contains(word),
                quality: Self.qualities(of: word, isLast: position == last, index: index))
        }
        pairs = words.indices.dropLast().map { position in
            Term(
                first: position, width: 2, isOptional: false,
                quality: Self.qualities(
                    of: words[position] + words[position + 1], isLast: position + 1 == last, index: index))
        }
        var anyMatch = [Bool](repeating: false, count: index.vocabulary.count)
        for term in singles + pairs {
            for (id, quality) in term.quality.enumerated() where quality != .none { anyMatch[id] = true }
        }
        self.anyMatch = anyMatch
    }

    /// The score of a profile, or nil when some required word matched nowhere.
    ///
    /// A small dynamic programme over the words: each is covered alone or, joined with the
    /// next, by a pair; the best covering of all words wins.
    func score(_ entry: CatalogSearchIndex.Entry) -> Double? {
        var best = [Double?](repeating: nil, count: wordCount + 1)
        best[0] = 0
        for position in 0..<wordCount {
            guard let sofar = best[position] else { continue }
            let single = singles[position]
            if let score = Self.score(single, entry) {
                best[position + 1] = max(best[position + 1] ?? 0, sofar + score)
            } else if single.isOptional {
                best[position + 1] = max(best[position + 1] ?? 0, sofar)
            }
            if position < pairs.count, let score = Self.score(pairs[position], entry) {
                best[position + 2] = max(best[position + 2] ?? 0, sofar + 2 * score)
            }
        }
        return best[wordCount]
    }

    /// The best field weight times match quality of one term in a profile, or nil.
    private static func score(_ term: Term, _ entry: CatalogSearchIndex.Entry) -> Double? {
        for field in CatalogSearchIndex.Field.allCases {
            var bestQuality = CatalogSearchIndex.MatchQuality.none
            for id in entry.fieldTokens[field.rawValue] {
                let quality = term.quality[Int(id)]
                if quality.rawValue > bestQuality.rawValue { bestQuality = quality }
            }
            // Each field outweighs any match in the later ones, so the first hit is the best.
            if bestQuality != .none { return field.weight * bestQuality.factor }
        }
        return nil
    }

    /// How `word` matches each vocabulary token.
    private static func qualities(
        of word: String, isLast: Bool, index: CatalogSearchIndex
    ) -> [CatalogSearchIndex.MatchQuality] {
        let query = ArraySlice(word.unicodeScalars.map(\.value))
        let isNumber = query.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let allowsTypo = query.count >= 4 && !isNumber
        return index.vocabulary.enumerated().map { id, token in
            let token = token[...]
            if token.count == query.count, token.elementsEqual(query) { return .exact }
            if isLast, token.count > query.count, token.starts(with: query) { return .prefix }
            guard allowsTypo, !index.isNumber[id] else { return .none }
            if EditDistance.isWithinOne(query, token) { return .typo }
            if isLast {
                for length in (query.count - 1)...(query.count + 1) where length < token.count {
                    if EditDistance.isWithinOne(query, token.prefix(length)) { return .typo }
                }
            }
            return .none
        }
    }
}
