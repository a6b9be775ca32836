import Catalog
import Foundation
import MizSchema
import MizStorageTesting
import Testing

@Suite("Catalog search over the seed catalog")
struct CatalogSearchTests {
    @Test("words in any order find the service")
    func wordsInAnyOrder() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        for text in ["پروانه چرای دام", "دام چرای پروانه", "چوب حمل مجوز"] {
            let codes = try await catalog.codes(text)
            #expect(!codes.isEmpty, "\(text)")
        }
        // Four titles hold all three words; they come first, before any partial match.
        let grazing = try await catalog.codes("دام چرای پروانه")
        #expect(
            Set(grazing.prefix(4)) == [
                "rangeland-grazing-licence-issue", "rangeland-grazing-licence-amend",
                "rangeland-grazing-licence-transfer",
                "rangeland-grazing-licence-cancel",
            ])
        #expect(try await catalog.codes("چوب حمل مجوز").first == "forest-wood-transport-permit")
    }

    @Test("one typo in a word of four or more letters is forgiven, not in shorter words")
    func typoTolerated() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        // Swapped letters, a wrong letter, a missing letter, an extra letter.
        #expect(try await catalog.codes("مستثنیتا").contains("land-exemption-certificate"))
        #expect(try await catalog.codes("گواهی مستسنیات").contains("land-exemption-certificate"))
        #expect(try await catalog.codes("تمدید پروانه مرتعدری").first == "rangeland-grazing-licence-renewal")
        #expect(try await catalog.codes("زنبورستانن").contains("permits-beekeeping-site"))
        // Two typos in one word are too many.
        #expect(try await catalog.codes("زنبورسطانن").isEmpty)
        // «چوپ» (three letters) is not taken for «چوب».
        #expect(try await catalog.codes("چوپ مجوز").isEmpty)
    }

    @Test("Arabic ي and ك and Arabic forms are folded")
    func arabicLetters() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        #expect(try await catalog.codes("تمديد پروانه مرتعداري").first == "rangeland-grazing-licence-renewal")
        #expect(try await catalog.codes("كميسيون بند ۴۹").first == "rangeland-clause-49-commission")
        #expect(try await catalog.codes("جنگل‌نشینان").contains("forest-dwellers-resettlement"))
        #expect(try await catalog.codes("جنگلنشینان").contains("forest-dwellers-resettlement"))
    }

    @Test("Persian, Arabic-Indic and Latin digits find the same service", arguments: ["۵۶", "٥٦", "56"])
    func digits(_ number: String) async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        #expect(try await catalog.codes("کمیسیون ماده \(number)").first == "complaints-article-56-objection")
    }

    @Test("the last word matches as a prefix while typing, earlier words do not")
    func lastWordPrefix() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        #expect(try await catalog.codes("مجوز حمل چ").contains("forest-wood-transport-permit"))
        #expect(try await catalog.codes("زنبورس").contains("permits-beekeeping-site"))
        #expect(try await catalog.codes("نهالس").contains("forest-seedling-request"))
        #expect(try await catalog.codes("زنبورست").contains("permits-beekeeping-site"))
        #expect(!(try await catalog.codes("زنبورست مجوز").contains("permits-beekeeping-site")))
    }

    @Test("a space typed for a zero-width non-joiner still matches the joined word")
    func spacedCompound() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        #expect(try await catalog.codes("جنگل نشینان ساماندهی").contains("forest-dwellers-resettlement"))
    }

    @Test("filters by province and by category")
    func filters() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        #expect(try await catalog.codes("ساماندهی جنگل", province: "gilan").contains("forest-dwellers-resettlement"))
        #expect(
            !(try await catalog.codes("ساماندهی جنگل", province: "tehran").contains("forest-dwellers-resettlement")))
        #expect(try await catalog.codes("ساماندهی جنگل", province: "گیلان").contains("forest-dwellers-resettlement"))
        let watershed = try await catalog.routes.list(
            CatalogListRequest(category: "watershed", pageSize: 50), caller: Callers.citizen)
        #expect(watershed.total >= 2)
        #expect(watershed.items.allSatisfy { $0.category == "watershed" })
        let everything = try await catalog.routes.list(CatalogListRequest(pageSize: 50), caller: Callers.citizen)
        let tehran = try await catalog.routes.list(
            CatalogListRequest(province: "tehran", pageSize: 50), caller: Callers.citizen)
        #expect(tehran.total < everything.total)
        #expect(tehran.items.allSatisfy { $0.provinces.includes("tehran") })
    }

    @Test("pages split the results without overlap and count them all")
    func pagination() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        let total = try await catalog.store.snapshot().profiles.count
        var seen: [String] = []
        for page in 1...4 {
            let results = try await catalog.routes.list(
                CatalogListRequest(page: page, pageSize: 10), caller: Callers.citizen)
            #expect(results.total == total)
            #expect(results.page == page && results.pageSize == 10)
            #expect(results.items.count == max(0, min(10, total - (page - 1) * 10)))
            seen += results.items.map(\.code)
        }
        #expect(seen.count == total && Set(seen).count == total)
        let past = try await catalog.routes.search(
            CatalogSearchQuery(text: "پروانه", page: 40, pageSize: 10), caller: Callers.citizen)
        #expect(past.items.isEmpty && past.total > 0)
        // Lists are in Persian alphabetical order: «ابطال», «پروانه», «تمدید», «مجوز»; by code
        // point «پ» would come after «م».
        let titles = try await catalog.routes.list(CatalogListRequest(pageSize: 50), caller: Callers.citizen).items.map(
            \.title)
        let order = try [
            "ابطال پروانه چرای دام", "پروانه بهره‌برداری از محصولات", "تمدید پروانه مرتعداری", "مجوز حمل چوب",
        ].map { start in
            try #require(titles.firstIndex { $0.hasPrefix(start) })
        }
        #expect(order == order.sorted())
    }

    @Test("matched words are marked in the title and summary, and the text is kept exactly")
    func highlights() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        let results = try await catalog.routes.search(CatalogSearchQuery(text: "حمل چوب"), caller: Callers.citizen)
        let top = try #require(results.items.first)
        #expect(top.code == "forest-wood-transport-permit")
        #expect(joined(top.titleHighlight) == top.title)
        #expect(marked(top.titleHighlight) == ["حمل", "چوب"])
        #expect(joined(top.summaryHighlight) == top.summary)
        #expect(marked(top.summaryHighlight).contains("حمل"))
        // A typo and a prefix mark the word as written in the text.
        let typed = try await catalog.routes.search(CatalogSearchQuery(text: "مستثنیتا"), caller: Callers.citizen)
        #expect(marked(try #require(typed.items.first).titleHighlight) == ["مستثنیات"])
        let prefix = try await catalog.routes.search(CatalogSearchQuery(text: "زنبورس"), caller: Callers.citizen)
        #expect(marked(try #require(prefix.items.first).titleHighlight) == ["زنبورستان"])
        // Without words nothing is marked.
        let listed = try await catalog.routes.list(CatalogListRequest(), caller: Callers.citizen)
        #expect(listed.items.allSatisfy { marked($0.titleHighlight).isEmpty && joined($0.titleHighlight) == $0.title })
    }

    @Test("invalid search input gives a Persian message per field")
    func invalidInput() async throws {
        let catalog = try await CatalogFixture()
        defer { catalog.remove() }
        let query = CatalogSearchQuery(
            text: String(repeating: "م", count: 201), province: "atlantis", category: "space", page: 0, pageSize: 51)
        let error = try #require(await busError { try await catalog.routes.search(query, caller: Callers.citizen) })
        #expect(error.code == .invalidInput)
        #expect(Set(error.fields.map(\.field)) == ["text", "province", "category", "page", "pageSize"])
        #expect(error.fields.allSatisfy { isPersian($0.message) })
        let huge = CatalogSearchQuery(text: "", page: Int.max, pageSize: 50)
        let pageError = try #require(await busError { try await catalog.routes.search(huge, caller: Callers.citizen) })
        #expect(pageError.fields.map(\.field) == ["page"])
    }

    @Test("a query decoded without page and pageSize gets the defaults")
    func queryDefaults() throws {
        let query = try WireCoding.decoder.decode(CatalogSearchQuery.self, from: Data(#"{"text":"مرتع"}"#.utf8))
        #expect(query == CatalogSearchQuery(text: "مرتع", page: 1, pageSize: CatalogSearchQuery.defaultPageSize))
    }
}

@Suite("Catalog search index ranking")
struct CatalogSearchIndexTests {
    @Test("a title hit beats a keyword hit beats a summary hit beats a description hit")
    func fieldOrder() {
        let index = CatalogSearchIndex(
            profiles: [
                sampleProfile(code: "in-description", title: "الف", description: "مرتع ییلاقی"),
                sampleProfile(code: "in-summary", title: "ب", summary: "مرتع ییلاقی"),
                sampleProfile(code: "in-keywords", title: "پ", keywords: ["مرتع ییلاقی"]),
                sampleProfile(code: "in-title", title: "ت مرتع ییلاقی"),
                sampleProfile(code: "elsewhere", title: "ث"),
            ], categories: sampleCategories)
        let results = index.search("ییلاقی مرتع", filter: .init(), page: 1, pageSize: 10)
        #expect(results.items.map(\.code) == ["in-title", "in-keywords", "in-summary", "in-description"])
        #expect(results.total == 4)
    }

    @Test("an exact word outranks a typo in the same field, and ties go in title order")
    func qualityAndTies() {
        let index = CatalogSearchIndex(
            profiles: [
                sampleProfile(code: "typo", title: "الف مرتغ"),
                sampleProfile(code: "exact-b", title: "ب مرتع"),
                sampleProfile(code: "exact-a", title: "آ مرتع"),
            ], categories: sampleCategories)
        let results = index.search("مرتع", filter: .init(), page: 1, pageSize: 10)
        #expect(results.items.map(\.code) == ["exact-a", "exact-b", "typo"])
    }

    @Test("every word must match; Persian function words need not unless last")
    func allWordsMustMatch() {
        let index = CatalogSearchIndex(
            profiles: [sampleProfile(code: "wood", title: "مجوز حمل چوب")], categories: sampleCategories)
        #expect(index.search("مجوز حمل چوب", filter: .init(), page: 1, pageSize: 10).total == 1)
        #expect(index.search("مجوز حمل سنگ", filter: .init(), page: 1, pageSize: 10).total == 0)
        #expect(index.search("مجوز برای حمل چوب", filter: .init(), page: 1, pageSize: 10).total == 1)
    }

    @Test("numbers are never typo-matched")
    func numbersExact() {
        let index = CatalogSearchIndex(
            profiles: [sampleProfile(code: "law", title: "قانون سال ۱۳۴۶")], categories: sampleCategories)
        #expect(index.search("1346", filter: .init(), page: 1, pageSize: 10).total == 1)
        #expect(index.search("1341 قانون", filter: .init(), page: 1, pageSize: 10).total == 0)
    }
}

@Suite("Search text helpers")
struct SearchTextTests {
    @Test(
        "one typo: a swap, a substitution, an insertion or a deletion",
        arguments: [
            ("مرتع", "مرتع", true), ("مرتع", "مرعت", true), ("مرتع", "مرتغ", true), ("مرتع", "مرتعی", true),
            ("مرتع", "رتع", true), ("مرتع", "رتعم", false), ("مرتع", "مزتغ", false), ("abcd", "badc", false),
            ("", "a", true), ("", "ab", false),
        ])
    func withinOne(_ a: String, _ b: String, _ expected: Bool) {
        let left = ArraySlice(a.unicodeScalars.map(\.value))
        let right = ArraySlice(b.unicodeScalars.map(\.value))
        #expect(EditDistance.isWithinOne(left, right) == expected)
        #expect(EditDistance.isWithinOne(right, left) == expected)
    }

    @Test("searchable text keeps the original around marked words")
    func segments() {
        let text = SearchableText("صدور پروانه‌ی «مرتع‌داری» (۱۴۰۳)")
        #expect(text.tokens == ["صدور", "پروانهی", "مرتعداری", "1403"])
        let segments = text.segments { $0 == "مرتعداری" || $0 == "1403" }
        #expect(joined(segments) == text.text)
        #expect(marked(segments) == ["مرتع‌داری", "۱۴۰۳"])
    }
}
