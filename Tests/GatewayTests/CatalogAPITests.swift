import Foundation
import Gateway
import HTTPTypes
import MizBus
import MizSchema
import Testing

@Suite("Catalog JSON API against a real catalog over the bus", .serialized)
struct CatalogAPITests {
    @Test("search with Persian and with Arabic letter forms finds the same services, with the same tag")
    func searchPersianAndArabic() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let persian = try await http.get("/api/v1/services?q=" + queryValue("تمدید پروانه"))
                let arabic = try await http.get("/api/v1/services?q=" + queryValue("تمديد  پروانه"))
                #expect(persian.status == .ok && arabic.status == .ok)
                #expect(persian.headers[.contentType] == "application/json; charset=utf-8")
                let page: ServiceSearchPage = try persian.decode()
                #expect(page.items.map(\.code).contains("rangeland-grazing-licence-renewal"))
                #expect(page.items.first?.title.contains("تمدید") == true)
                #expect(page.items.first?.titleHighlight.contains { $0.matched } == true)
                #expect(try arabic.decode(ServiceSearchPage.self) == page)
                #expect(persian.headers[.eTag] != nil && persian.headers[.eTag] == arabic.headers[.eTag])
                #expect(persian.headers[.cacheControl] == "public, no-cache")
                // Persian travels as UTF-8, not as \u escapes.
                let text = String(decoding: persian.body, as: UTF8.self)
                #expect(text.contains("تمدید") && !text.contains("\\u"))
            }
        }
    }

    @Test("a form's + is a space: q=پروانه+چرا searches two words")
    func plusIsSpace() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let response = try await http.get(
                    "/api/v1/services?q=" + queryValue("پروانه") + "+" + queryValue("چرا"))
                let page: ServiceSearchPage = try response.decode()
                #expect(page.items.first?.code.hasPrefix("rangeland-grazing-licence") == true)
            }
        }
    }

    @Test("a page number in Persian digits gives the same page as in Latin digits")
    func persianPageNumber() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let persian = try await http.get("/api/v1/services?category=rangeland&pageSize=۵&page=۲")
                let latin = try await http.get("/api/v1/services?category=rangeland&pageSize=5&page=2")
                let first = try await http.get("/api/v1/services?category=rangeland&pageSize=٥&page=١")
                let page: ServiceSearchPage = try persian.decode()
                #expect(page.page == 2 && page.pageSize == 5 && page.total > 5)
                #expect(page.pageCount == (page.total + 4) / 5)
                #expect(page.items.count == min(5, page.total - 5))
                #expect(page.items.allSatisfy { $0.category == "rangeland" })
                #expect(try latin.decode(ServiceSearchPage.self) == page)
                let firstPage: ServiceSearchPage = try first.decode()
                #expect(Set(firstPage.items.map(\.code)).isDisjoint(with: page.items.map(\.code)))
            }
        }
    }

    @Test("filters by province (slug or Persian name) and category, with and without words")
    func filters() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let ardabil: ServiceSearchPage = try await http.get(
                    "/api/v1/services?province=ardabil&category=forest&pageSize=50"
                )
                .decode()
                let codes = ardabil.items.map(\.code)
                #expect(codes.contains("forest-livestock-removal"))
                #expect(!codes.contains("forest-dwellers-resettlement"))
                #expect(ardabil.items.allSatisfy { $0.category == "forest" })
                let byName: ServiceSearchPage = try await http.get(
                    "/api/v1/services?province=\(queryValue("اردبیل"))&category=forest&pageSize=50"
                ).decode()
                #expect(byName == ardabil)
                let words: ServiceSearchPage = try await http.get(
                    "/api/v1/services?q=\(queryValue("جنگل"))&province=gilan&category=forest&pageSize=50"
                ).decode()
                #expect(words.items.map(\.code).contains("forest-dwellers-resettlement"))
                #expect(words.items.allSatisfy { $0.category == "forest" && $0.provinces.includes("gilan") })
            }
        }
    }

    @Test("a profile by code: the whole card, a revalidated current version, an immutable past version")
    func profileByCode() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let response = try await http.get("/api/v1/services/rangeland-grazing-licence-issue")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, no-cache")
                let profile: ServiceProfile = try response.decode()
                #expect(profile.code == "rangeland-grazing-licence-issue" && profile.version == 1)
                #expect(!profile.documents.isEmpty && !profile.steps.isEmpty)
                let past = try await http.get("/api/v1/services/rangeland-grazing-licence-issue?version=۱")
                #expect(past.status == .ok)
                #expect(past.headers[.cacheControl] == "public, max-age=86400, immutable")
                #expect(try past.decode(ServiceProfile.self) == profile)
            }
        }
    }

    @Test("If-None-Match with the current tag answers 304 without a body, on every catalog read")
    func notModified() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                for uri in [
                    "/api/v1/services?q=" + queryValue("نهال"), "/api/v1/services?page=۲",
                    "/api/v1/services/forest-seedling-request", "/api/v1/provinces", "/api/v1/categories",
                    "/api/v1/openapi.json",
                ] {
                    let first = try await http.get(uri)
                    let tag = try #require(first.headers[.eTag], "\(uri)")
                    #expect(tag.wholeMatch(of: /"[0-9a-f]{16}"/) != nil)
                    let again = try await http.get(uri, headers: [.ifNoneMatch: tag])
                    #expect(again.status == .notModified, "\(uri)")
                    #expect(again.body.isEmpty)
                    #expect(again.headers[.eTag] == tag)
                    let weakInList = try await http.get(uri, headers: [.ifNoneMatch: "\"stale\", W/\(tag)"])
                    #expect(weakInList.status == .notModified, "\(uri)")
                    let stale = try await http.get(uri, headers: [.ifNoneMatch: "\"0000000000000000\""])
                    #expect(stale.status == .ok && stale.body == first.body, "\(uri)")
                }
            }
        }
    }

    @Test("an edit is visible through the API within one second, with a new tag")
    func editVisibleWithinOneSecond() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let uri = "/api/v1/services/forest-seedling-request"
                let before = try await http.get(uri)
                let oldTag = try #require(before.headers[.eTag])
                let profile: ServiceProfile = try before.decode()
                var draft = profile.draft
                draft.summary = "خلاصه تازه پس از ویرایش"
                let edited = try await desk.client.call(
                    Routes.Catalog.edit,
                    CatalogEditRequest(code: profile.code, baseVersion: profile.version, profile: draft),
                    caller: CatalogAPIDesk.administrator, idempotencyKey: UUID().uuidString)
                #expect(edited.version == 2)
                try await Task.sleep(for: .seconds(1))
                let after = try await http.get(uri, headers: [.ifNoneMatch: oldTag])
                #expect(after.status == .ok)
                #expect(after.headers[.eTag] != oldTag)
                let current: ServiceProfile = try after.decode()
                #expect(current.version == 2 && current.summary == "خلاصه تازه پس از ویرایش")
                let listed: ServiceSearchPage = try await http.get("/api/v1/services?q=" + queryValue("نهال")).decode()
                #expect(listed.items.first { $0.code == profile.code }?.version == 2)
            }
        }
    }

    @Test(
        "bad parameters answer 400 with the JSON error body in Persian",
        arguments: [
            ("page=abc", "page", APIMessages.badPage),
            ("page=0", "page", APIMessages.badPage),
            ("page=-1", "page", APIMessages.badPage),
            ("pageSize=۵۱", "pageSize", APIMessages.badPageSize),
            ("province=atlantis", "province", "استان انتخاب‌شده معتبر نیست."),
            ("category=\(queryValue("مرتع"))", "category", APIMessages.unknownCategory),
            ("q=" + String(repeating: "%D9%85", count: 201), "q", "متن جستجو نباید بیشتر از ۲۰۰ نویسه باشد."),
        ])
    func badParameters(query: String, field: String, message: String) async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let response = try await http.get("/api/v1/services?" + query)
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let error = try #require(response.error)
                #expect(error.code == .invalidInput)
                #expect(error.message == ErrorCode.invalidInput.defaultPersianMessage)
                #expect(error.fields == [FieldError(field: field, message: message)])
            }
        }
    }

    @Test("the catalog's own refusals pass through, in the API's parameter names")
    func catalogValidationPassesThrough() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let category = try await http.get("/api/v1/services?category=nosuchcategory")
                #expect(category.status == .badRequest)
                #expect(category.error?.fields.map(\.field) == ["category"])
                #expect(category.error?.fields.first?.message.isEmpty == false)
                let page = try await http.get("/api/v1/services?q=" + queryValue("مرتع") + "&page=۱۰۰۰۰۰")
                #expect(page.status == .badRequest)
                #expect(page.error?.fields.map(\.field) == ["page"])
                // 20 characters that fold into far more than 200: the catalog refuses its
                // `text`, and the API names it `q`.
                let folded = try await http.get(
                    "/api/v1/services?q=" + queryValue(String(repeating: "\u{FDFA}", count: 20)))
                #expect(folded.status == .badRequest)
                #expect(folded.error?.fields.map(\.field) == ["q"])
            }
        }
    }

    @Test("an unknown service code answers 404 in Persian, and so does an impossible one")
    func unknownCode() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                for uri in ["/api/v1/services/no-such-service", "/api/v1/services/NOT_A_CODE"] {
                    let response = try await http.get(uri)
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.error?.code == .notFound)
                    #expect(response.error?.message == "خدمت مورد نظر یافت نشد.")
                }
                let badVersion = try await http.get("/api/v1/services/forest-seedling-request?version=x")
                #expect(badVersion.status == .badRequest)
                #expect(badVersion.error?.fields == [FieldError(field: "version", message: APIMessages.badVersion)])
                let futureVersion = try await http.get("/api/v1/services/forest-seedling-request?version=۹۹")
                #expect(futureVersion.status == .notFound)
            }
        }
    }

    @Test("provinces returns the 31 provinces with their counts; categories returns the catalog's")
    func provincesAndCategories() async throws {
        try await CatalogAPIDesk.run { desk in
            try await desk.http { http in
                let provinces: CatalogProvinceList = try await http.get("/api/v1/provinces").decode()
                #expect(provinces.provinces.count == 31)
                #expect(Set(provinces.provinces.map(\.slug)).count == 31)
                #expect(provinces.provinces.first?.code == "IR-00")
                let gilan = try #require(provinces.provinces.first { $0.slug == "gilan" })
                #expect(gilan.persianName == "گیلان" && gilan.code == "IR-01")
                // Each count is what a list filtered by the province finds.
                for province in provinces.provinces where ["gilan", "tehran", "ardabil"].contains(province.slug) {
                    let listed: ServiceSearchPage = try await http.get("/api/v1/services?province=\(province.slug)")
                        .decode()
                    #expect(listed.total == province.serviceCount, "\(province.slug)")
                }
                let categories: CatalogCategoryList = try await http.get("/api/v1/categories").decode()
                #expect(categories.categories.contains { $0.key == "rangeland" && $0.title == "مرتع" })
                let all: ServiceSearchPage = try await http.get("/api/v1/services").decode()
                #expect(categories.categories.map(\.serviceCount).reduce(0, +) == all.total)
            }
        }
    }

    @Test("without a catalog the API answers 503 in Persian with Retry-After")
    func catalogMissing() async throws {
        try await CatalogAPIDesk.run(withCatalog: false) { desk in
            try await desk.http { http in
                let response = try await http.get("/api/v1/provinces")
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(response.error?.code == .unavailable)
                #expect(response.error?.message == ErrorCode.unavailable.defaultPersianMessage)
            }
        }
    }
}
