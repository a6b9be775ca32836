import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MizBus
import MizSchema
import Testing

@Suite("Web pages", .serialized)
struct WebPagesTests {
    /// A query for «ساماندهی جنگل‌نشینان» typed on an Arabic keyboard (ي for ی) with a typo
    /// (one letter missing): «جنگل نشينن».
    static let misspeltArabicQuery = "جنگل نشينن"
    static let misspeltTarget = "ساماندهی جنگل‌نشینان"

    private func get(_ http: any TestClientProtocol, _ uri: String) async throws -> (
        HTTPResponse.Status, HTTPFields, String
    ) {
        try await http.execute(uri: uri, method: .get) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
    }

    @Test("home is Persian, right to left, with 31 province links on the map and in the list, in Persian digits")
    func home() async throws {
        try await WebPagesHarness.run { http, _ in
            let (status, headers, html) = try await get(http, "/")
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.contains("<html lang=\"fa\" dir=\"rtl\">"))
            let mapLinks = HTMLText.captures("<a class=\"iran-map__province\" href=\"/ostan/([a-z-]+)\"", in: html)
            #expect(mapLinks.count == 31)
            #expect(Set(mapLinks).count == 31)
            let listStart = try #require(html.range(of: "class=\"provinces__list\""))
            let listEnd = try #require(html.range(of: "</ul>", range: listStart.upperBound..<html.endIndex))
            let list = String(html[listStart.upperBound..<listEnd.lowerBound])
            let listLinks = HTMLText.captures("<a href=\"/ostan/([a-z-]+)\">", in: list)
            #expect(Set(listLinks) == Set(mapLinks))
            let counts = HTMLText.captures("<span class=\"provinces__count\">([^<]*)</span>", in: list)
            #expect(counts.count == 31)
            #expect(counts.allSatisfy { $0.contains(where: { ("۰"..."۹").contains($0) }) })
            #expect(counts.contains("۳۴ خدمت"))
            let visible = HTMLText.visible(html)
            #expect(visible.range(of: "[0-9]", options: .regularExpression) == nil, "Latin digits on screen")
            #expect(visible.contains("۳۴ خدمت در فهرست"))
        }
    }

    @Test("search without JavaScript finds a service from a misspelt query typed with Arabic letters")
    func searchWithoutJavaScript() async throws {
        try await WebPagesHarness.run { http, _ in
            let query = Self.misspeltArabicQuery.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let (status, _, html) = try await get(http, "/?q=\(query)")
            #expect(status == .ok)
            let titles = HTMLText.captures("<h3 class=\"card__title\"[^>]*><a href=\"[^\"]*\">(.*?)</a></h3>", in: html)
                .map { $0.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression) }
            #expect(titles.first == Self.misspeltTarget)
            #expect(html.contains("<mark>"))
            #expect(html.contains("value=\"\(Self.misspeltArabicQuery)\""))
            #expect(!HTMLText.visible(html).contains("خدمتی برای"))
        }
    }

    @Test("a form submission with + for spaces and a category filter works as a browser sends it")
    func formEncoding() async throws {
        try await WebPagesHarness.run { http, _ in
            let words = "حمل چوب".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                .replacingOccurrences(of: "%20", with: "+")
            let (status, _, html) = try await get(http, "/?q=\(words)&category=forest")
            #expect(status == .ok)
            #expect(html.contains("/khadamat/forest-wood-transport-permit\""))
            #expect(!html.contains("/khadamat/rangeland-grazing-licence-issue\""))
            #expect(html.contains("<option value=\"forest\" selected>"))
        }
    }

    @Test("markup typed into the search box comes back escaped")
    func escaping() async throws {
        try await WebPagesHarness.run { http, _ in
            let (status, _, html) = try await get(http, "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(status == .ok)
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("a province desk lists what the province offers, and its request links carry the province")
    func provinceDesk() async throws {
        try await WebPagesHarness.run { http, _ in
            let words = try #require("ساماندهی جنگل".addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let (status, _, html) = try await get(http, "/ostan/gilan?q=\(words)")
            #expect(status == .ok)
            #expect(html.contains("میز خدمت استان گیلان"))
            #expect(html.contains("/khadamat/forest-dwellers-resettlement?ostan=gilan#darkhast"))
            let requestLinks = HTMLText.captures("href=\"(/khadamat/[^\"]*#darkhast)\"", in: html)
            #expect(!requestLinks.isEmpty)
            #expect(requestLinks.allSatisfy { $0.contains("?ostan=gilan#") })

            let (_, _, tehran) = try await get(http, "/ostan/tehran?q=\(words)")
            #expect(!tehran.contains("/khadamat/forest-dwellers-resettlement"))
            #expect(tehran.contains("۳۲ خدمت در این استان"))
        }
    }

    @Test("the profile shows every field, each document title as a checklist item, and keeps the province")
    func profile() async throws {
        try await WebPagesHarness.run { http, client in
            let code = "rangeland-grazing-licence-issue"
            let profile = try await client.call(Routes.Catalog.profile, CatalogProfileRequest(code: code))
            let (status, _, html) = try await get(http, "/khadamat/\(code)?ostan=fars")
            #expect(status == .ok)
            #expect(html.contains("<bdi dir=\"ltr\">\(code)</bdi>"))
            for document in profile.documents {
                #expect(html.contains("<label for=\"doc-\(document.key)\">\(document.title) "), "\(document.title)")
                #expect(html.contains("<input type=\"checkbox\" id=\"doc-\(document.key)\""))
            }
            for step in profile.steps { #expect(html.contains("<li>\(step)</li>")) }
            for law in profile.legalBasis { #expect(html.contains(law)) }
            for field in profile.fields { #expect(html.contains(field.description)) }
            #expect(html.contains(profile.audience))
            #expect(html.contains(profile.responsibleUnit))
            #expect(html.contains("۳۰ روز کاری"))
            #expect(html.contains("۵ مگابایت"))
            #expect(html.contains("id=\"darkhast\""))
            #expect(html.contains("استان انتخاب‌شده: <strong>فارس</strong>"))
            if let note = profile.defaultsNote { #expect(html.contains(note)) }
            let visible = HTMLText.visible(html)
            #expect(visible.range(of: "[0-9]", options: .regularExpression) == nil, "Latin digits on screen")
        }
    }

    @Test("a profile reached without a province offers the provinces that have the service")
    func profileWithoutProvince() async throws {
        try await WebPagesHarness.run { http, _ in
            let (status, _, html) = try await get(http, "/khadamat/forest-dwellers-resettlement?ostan=tehran")
            #expect(status == .ok)
            #expect(html.contains("این خدمت در میز خدمت استان تهران ارائه نمی‌شود"))
            let choices = HTMLText.captures("<option value=\"([a-z-]+)\"", in: html)
            #expect(Set(choices) == ["gilan", "mazandaran", "golestan"])
        }
    }

    @Test("unknown services, provinces and addresses answer a Persian 404 page")
    func notFound() async throws {
        try await WebPagesHarness.run { http, _ in
            for uri in ["/khadamat/no-such-service", "/ostan/atlantis", "/no/such/page", "/assets/missing.css"] {
                let (status, headers, html) = try await get(http, uri)
                #expect(status == .notFound, "\(uri)")
                #expect(headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(html.contains("<html lang=\"fa\" dir=\"rtl\">"))
                #expect(html.contains("یافت نشد"))
            }
            let (apiStatus, apiHeaders, _) = try await get(http, "/api/v1/no-such-route")
            #expect(apiStatus == .notFound)
            #expect(apiHeaders[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test("with the catalog down, pages answer a Persian 503 page with Retry-After, never a trace")
    func catalogDown() async throws {
        try await WebPagesHarness.run(catalog: false) { http, _ in
            for uri in ["/", "/ostan/tehran", "/khadamat/rangeland-grazing-licence-issue", "/_fragments/services?q=x"] {
                let (status, headers, html) = try await get(http, uri)
                #expect(status == .serviceUnavailable, "\(uri)")
                #expect(headers[.retryAfter] != nil)
                #expect(html.contains("سامانه موقتاً در دسترس نیست"))
            }
            let (faq, _, _) = try await get(http, "/soalat")
            #expect(faq == .ok)
        }
    }

    @Test("the list fragment for the script holds only the results")
    func fragment() async throws {
        try await WebPagesHarness.run { http, _ in
            let (status, _, html) = try await get(http, "/_fragments/services?q=%D9%86%D9%87%D8%A7%D9%84&ostan=yazd")
            #expect(status == .ok)
            #expect(!html.contains("<html"))
            #expect(html.hasPrefix("<div class=\"results\" data-status="))
            #expect(html.contains("/khadamat/forest-seedling-request?ostan=yazd#darkhast"))
        }
    }

    @Test("the FAQ answers every question of the organization's FAQ, and the guide is there")
    func faqAndGuide() async throws {
        try await WebPagesHarness.run { http, _ in
            let (status, _, faq) = try await get(http, "/soalat")
            #expect(status == .ok)
            #expect(HTMLText.count("<section class=\"faq\"", in: faq) == 10)
            #expect(faq.contains("<bdi dir=\"ltr\">۱۴۰۵-۲۳-۰۰۰۱۲۳</bdi>"))
            let (guideStatus, _, guide) = try await get(http, "/rahnama")
            #expect(guideStatus == .ok)
            #expect(guide.contains("راهنمای کاربری میز خدمت"))
            for page in [faq, guide] {
                #expect(HTMLText.visible(page).range(of: "[0-9]", options: .regularExpression) == nil)
            }
        }
    }

    @Test("assets are served with their content type, an ETag and long caching when versioned")
    func assets() async throws {
        try await WebPagesHarness.run(catalog: false) { http, _ in
            let site = try WebSite.bundled()
            let css = site.assetLinks.stylesheet
            #expect(css.hasPrefix("/assets/app.css?v="))
            try await http.execute(uri: css, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                let stylesheet = String(buffer: response.body)
                #expect(stylesheet.contains("font-display: swap"))
                #expect(stylesheet.contains("\"/assets/fonts/NotoSansArabic-Regular.woff2?v="))
            }
            let etag = try await http.execute(uri: "/assets/fonts/NotoSansArabic-Regular.woff2", method: .get) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "font/woff2")
                #expect(response.headers[.cacheControl] == "public, max-age=3600")
                return response.headers[.eTag] ?? ""
            }
            try await http.execute(
                uri: "/assets/fonts/NotoSansArabic-Regular.woff2", method: .get, headers: [.ifNoneMatch: etag]
            ) { response in
                #expect(response.status == .notModified)
            }
            let (_, jsHeaders, _) = try await get(http, "/assets/app.js")
            #expect(jsHeaders[.contentType] == "text/javascript; charset=utf-8")
            let (_, licenceHeaders, licence) = try await get(http, "/assets/fonts/OFL.txt")
            #expect(licenceHeaders[.contentType] == "text/plain; charset=utf-8")
            #expect(licence.contains("SIL Open Font License"))
        }
    }
}
