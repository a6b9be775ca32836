import Foundation
import Gateway
import MizSchema
import NIOCore
import Synchronization
import Testing

@Suite("Catalog API: parameters, entity tags and the reply cache")
struct CatalogAPIUnitTests {
    @Test("query strings decode as forms do: + is a space, %XX is UTF-8, the first of a repeat wins")
    func queryDecoding() {
        let query = APIQueryParameters(
            query: "q=%D9%BE%D8%B1%D9%88%D8%A7%D9%86%D9%87+%DA%86%D8%B1%D8%A7&page=2&page=3&empty")
        #expect(query["q"] == "پروانه چرا")
        #expect(query["page"] == "2")
        #expect(query["empty"] == "")
        #expect(query["missing"] == nil)
        #expect(query.malformed.isEmpty)
        #expect(APIQueryParameters(query: nil).pairs.isEmpty)
    }

    @Test("a broken percent-encoding marks its parameter instead of guessing")
    func brokenEncoding() throws {
        let query = APIQueryParameters(query: "q=%D9&page=%ZZ&province=tehran")
        #expect(query.malformed == ["q", "page"])
        #expect(query["province"] == "tehran")
        let error = #expect(throws: BusError.self) { try ServiceSearchParameters(query: query) }
        #expect(error?.fields.map(\.field) == ["q", "page"])
    }

    @Test("page and pageSize accept Persian, Arabic-Indic and Latin digits", arguments: ["3", "۳", "٣", " ۳ "])
    func pageDigits(page: String) throws {
        let parameters = try ServiceSearchParameters(
            query: APIQueryParameters(query: "page=\(queryValue(page))&pageSize=۲۰"))
        #expect(parameters.page == 3)
        #expect(parameters.pageSize == 20)
    }

    @Test("defaults: no text lists, page 1, the catalog's default page size")
    func defaults() throws {
        let parameters = try ServiceSearchParameters(query: APIQueryParameters(query: "q=&province=&category="))
        #expect(parameters.text.isEmpty)
        #expect(parameters.province == nil && parameters.category == nil)
        #expect(parameters.page == 1 && parameters.pageSize == CatalogSearchQuery.defaultPageSize)
    }

    @Test("Arabic letter forms and extra spaces normalize to the same search, so they share a cache key")
    func normalization() throws {
        let persian = try ServiceSearchParameters(query: APIQueryParameters(query: "q=" + queryValue("تمدید پروانه")))
        let arabic = try ServiceSearchParameters(
            query: APIQueryParameters(query: "q=" + queryValue("  تمديد   پروانه ")))
        #expect(persian == arabic)
    }

    @Test("a province may be named by slug, ISO code or Persian name; the slug is sent on")
    func provinceNames() throws {
        for name in ["razavi-khorasan", "IR-09", "ir-09", "خراسان رضوی"] {
            let parameters = try ServiceSearchParameters(
                query: APIQueryParameters(query: "province=" + queryValue(name)))
            #expect(parameters.province == "razavi-khorasan", "\(name)")
        }
    }

    @Test("every wrong parameter is named at once, in Persian")
    func allProblemsAtOnce() throws {
        let longText = String(repeating: "م", count: CatalogSearchQuery.maximumTextLength + 1)
        let query = APIQueryParameters(
            query: "q=\(queryValue(longText))&province=atlantis&category=\(queryValue("مرتع"))&page=0&pageSize=۵۱")
        let error = #expect(throws: BusError.self) { try ServiceSearchParameters(query: query) }
        #expect(error?.code == .invalidInput)
        #expect(
            error?.fields == [
                FieldError(field: "q", message: "متن جستجو نباید بیشتر از ۲۰۰ نویسه باشد."),
                FieldError(field: "province", message: "استان انتخاب‌شده معتبر نیست."),
                FieldError(field: "category", message: APIMessages.unknownCategory),
                FieldError(field: "page", message: APIMessages.badPage),
                FieldError(field: "pageSize", message: APIMessages.badPageSize),
            ])
    }

    @Test("200 characters of q are accepted, counted as people count them")
    func textAtTheLimit() throws {
        let text = String(repeating: "مرتع ", count: 40).trimmingCharacters(in: .whitespaces) + "ی"
        #expect(text.count <= CatalogSearchQuery.maximumTextLength)
        #expect(throws: Never.self) {
            try ServiceSearchParameters(query: APIQueryParameters(query: "q=" + queryValue(text)))
        }
    }

    @Test("profile parameters: a version in any digits, 404 for an impossible code, 400 for a bad version")
    func profileParameters() throws {
        let parameters = try ServiceProfileParameters(
            code: "forest-seedling-request", query: APIQueryParameters(query: "version=۲"))
        #expect(parameters.profileRequest == CatalogProfileRequest(code: "forest-seedling-request", version: 2))
        for code in [
            "", "ab", "Forest", "forest--seedling", "-forest", "forest-", "جنگل", String(repeating: "a", count: 81),
        ] {
            let error = #expect(throws: BusError.self) {
                try ServiceProfileParameters(code: code, query: APIQueryParameters(query: nil))
            }
            #expect(error?.code == .notFound, "\(code)")
        }
        let error = #expect(throws: BusError.self) {
            try ServiceProfileParameters(code: "forest-seedling-request", query: APIQueryParameters(query: "version=0"))
        }
        #expect(error?.fields == [FieldError(field: "version", message: APIMessages.badVersion)])
    }

    @Test("FNV-1a 64 matches the published test vectors")
    func fnvVectors() {
        #expect(FNV1a64.hexDigest(Array("".utf8)) == "cbf29ce484222325")
        #expect(FNV1a64.hexDigest(Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(FNV1a64.hexDigest(Array("foobar".utf8)) == "85944171f73967e8")
    }

    @Test("If-None-Match: *, lists, weak forms and tags with commas inside are read per RFC 9110")
    func ifNoneMatch() {
        let tag = "\"0123456789abcdef\""
        #expect(EntityTag.ifNoneMatch([tag], matches: tag))
        #expect(EntityTag.ifNoneMatch(["W/\(tag)"], matches: tag))
        #expect(EntityTag.ifNoneMatch(["\"other\", \(tag)"], matches: tag))
        #expect(EntityTag.ifNoneMatch(["\"a,b\"", tag], matches: tag))
        #expect(EntityTag.ifNoneMatch(["*"], matches: tag))
        #expect(!EntityTag.ifNoneMatch(["\"a,\(tag.dropFirst())"], matches: tag))
        #expect(!EntityTag.ifNoneMatch(["0123456789abcdef"], matches: tag))
        #expect(!EntityTag.ifNoneMatch([], matches: tag))
        #expect(EntityTag.strong(for: Array("foobar".utf8)) == "\"85944171f73967e8\"")
    }

    @Test("JSON replies keep Persian text as UTF-8 and sort their keys, so equal states give equal tags")
    func replyEncoding() throws {
        let reply = try APIReply(encoding: CatalogCategory(key: "rangeland", title: "مرتع", serviceCount: 11))
        let text = String(decoding: reply.body.readableBytesView, as: UTF8.self)
        #expect(text == #"{"key":"rangeland","serviceCount":11,"title":"مرتع"}"#)
        #expect(reply.entityTag == EntityTag.strong(for: Array(text.utf8)))
    }

    @Test("identical calls in flight share one load, and its reply is kept for the lifetime")
    func singleFlight() async throws {
        let clock = ManualClock()
        let cache = CatalogReplyCache(lifetime: .milliseconds(300), clock: { clock.now })
        let loads = Atomic<Int>(0)
        let load: @Sendable () async throws -> APIReply = {
            loads.add(1, ordering: .relaxed)
            await Task.yield()
            return APIReply(json: Data("{}".utf8))
        }
        // With the clock held still, every caller either shares the one load or hits its entry.
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.reply(for: "k", load: load).entityTag } }
            var tags = Set<String>()
            for try await tag in group { tags.insert(tag) }
            #expect(tags.count == 1)
        }
        #expect(loads.load(ordering: .relaxed) == 1)
        clock.advance(by: .milliseconds(299))
        _ = try await cache.reply(for: "k", load: load)
        #expect(loads.load(ordering: .relaxed) == 1)
        clock.advance(by: .milliseconds(2))
        _ = try await cache.reply(for: "k", load: load)
        #expect(loads.load(ordering: .relaxed) == 2)
    }

    @Test("errors are not cached, the lifetime is at most a second, and the entries are capped")
    func errorsLifetimeAndCapacity() async throws {
        let cache = CatalogReplyCache(lifetime: .seconds(5), capacity: 2)
        #expect(cache.lifetime == CatalogReplyCache.maximumLifetime)
        let failures = Atomic<Int>(0)
        for _ in 0..<2 {
            await #expect(throws: BusError.self) {
                try await cache.reply(for: "missing") {
                    failures.add(1, ordering: .relaxed)
                    throw BusError(.notFound)
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 2)
        for key in ["a", "b", "c"] {
            _ = try await cache.reply(for: key) { APIReply(json: Data("{}".utf8)) }
        }
        #expect(cache.count <= 2)
    }
}

/// A clock the test moves by hand, so lifetimes are checked without waiting.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    func advance(by duration: Duration) {
        instant.withLock { $0 = $0.advanced(by: duration) }
    }
}
