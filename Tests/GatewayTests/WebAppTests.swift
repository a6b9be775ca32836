import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityVerifier
import Logging
import MizSchema
import NIOCore
import Testing

/// The desk installed from the phone's browser (manifest, service worker, offline page, the
/// `/app` page), the header's login link, and the FAQ answers that describe them.
@Suite("Web pages: the installable app, the login link and the FAQ", .serialized)
struct WebAppTests {
    private func get(_ http: any TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (
        HTTPResponse.Status, HTTPFields, ByteBuffer
    ) {
        try await http.execute(uri: uri, method: .get, headers: headers) { ($0.status, $0.headers, $0.body) }
    }

    /// A custom property's colour in the stylesheet the browser gets.
    private func cssColour(_ name: String, _ http: any TestClientProtocol) async throws -> String {
        let (_, _, css) = try await get(http, "/assets/app.css")
        let match = try #require(
            String(buffer: css).firstMatch(of: try Regex<(Substring, Substring)>("--\(name):\\s*(#[0-9a-f]{6});")))
        return String(match.output.1)
    }

    /// The width and height a PNG file declares in its IHDR chunk, nil when it is not a PNG.
    private func pngSize(_ buffer: ByteBuffer) -> (Int, Int)? {
        let bytes = Array(buffer.readableBytesView)
        guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR"
        else { return nil }
        func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    /// The part of a page between the opening of the element that holds `marker` and `end`.
    private func part(of html: String, from marker: String, to end: String) throws -> String {
        let start = try #require(html.range(of: marker), "\(marker)")
        let stop = try #require(html.range(of: end, range: start.upperBound..<html.endIndex), "\(end)")
        return String(html[start.lowerBound..<stop.upperBound])
    }

    @Test(
        "the manifest is JSON with the Persian names, rtl, fa, start_url /, standalone, the CSS colours and PNG icons")
    func manifest() async throws {
        try await WebPagesHarness.run(catalog: false) { http, _ in
            let (status, headers, body) = try await get(http, "/manifest.webmanifest")
            #expect(status == .ok)
            #expect(headers[.contentType] == "application/manifest+json")
            #expect(headers[.cacheControl] == "no-cache")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
            #expect(json["name"] as? String == "میز خدمت الکترونیکی منابع طبیعی و آبخیزداری")
            #expect(json["short_name"] as? String == "میز خدمت")
            #expect(json["lang"] as? String == "fa")
            #expect(json["dir"] as? String == "rtl")
            #expect(json["start_url"] as? String == "/")
            #expect(json["scope"] as? String == "/")
            #expect(json["display"] as? String == "standalone")
            #expect(json["theme_color"] as? String == (try await cssColour("green", http)))
            #expect(json["background_color"] as? String == (try await cssColour("page", http)))
            let icons = try #require(json["icons"] as? [[String: String]])
            var sizes: Set<String> = []
            for icon in icons {
                let source = try #require(icon["src"])
                #expect(source.hasPrefix("/assets/icons/") && source.contains("?v="))
                #expect(icon["type"] == "image/png")
                let (iconStatus, iconHeaders, png) = try await get(http, source)
                #expect(iconStatus == .ok, "\(source)")
                #expect(iconHeaders[.contentType] == "image/png")
                let (width, height) = try #require(pngSize(png), "\(source) is not a PNG")
                #expect(icon["sizes"] == "\(width)x\(height)")
                if icon["purpose"] == "any" { sizes.insert("\(width)x\(height)") }
            }
            #expect(sizes == ["192x192", "512x512"])
            #expect(icons.contains { $0["purpose"] == "maskable" })
            let etag = try #require(headers[.eTag])
            let (again, _, _) = try await get(http, "/manifest.webmanifest", headers: [.ifNoneMatch: etag])
            #expect(again == .notModified)
        }
    }

    @Test("every page links the manifest and the iPhone icon and carries the stylesheet's theme colour")
    func layoutLinks() async throws {
        try await WebPagesHarness.run(catalog: false) { http, _ in
            let green = try await cssColour("green", http)
            // With no catalog the home page is the 503 page: it still has the layout.
            for uri in ["/", "/soalat", "/rahnama", "/app", "/offline", "/vorood", "/peygiri", "/no/such/page"] {
                let (_, _, body) = try await get(http, uri)
                let html = String(buffer: body)
                #expect(html.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"), "\(uri)")
                #expect(html.contains("<meta name=\"theme-color\" content=\"\(green)\">"), "\(uri)")
                let touchIcon = try #require(
                    HTMLText.captures("<link rel=\"apple-touch-icon\" href=\"([^\"]+)\">", in: html).first, "\(uri)")
                let (iconStatus, _, png) = try await get(http, touchIcon)
                #expect(iconStatus == .ok && pngSize(png) != nil)
            }
        }
    }

    @Test("the service worker is JavaScript, never cached long, and keeps only the static shell and the offline page")
    func serviceWorker() async throws {
        try await WebPagesHarness.run(catalog: false) { http, _ in
            let (status, headers, body) = try await get(http, "/sw.js")
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(headers[.cacheControl] == "no-cache")
            #expect(headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'self'") == true)
            let script = String(buffer: body)
            // The rules the script runs by, as it holds them.
            let rulesText = try #require(HTMLText.captures("const RULES = (\\{.*\\});", in: script).first)
            let rules = try JSONDecoder().decode(ServiceWorkerRules.self, from: Data(rulesText.utf8))
            #expect(rules.offline.hasPrefix("/offline?v="))
            #expect(rules.shell.contains(rules.offline))
            let site = try WebSite.bundled()
            for link in site.assetLinks.all { #expect(rules.shell.contains(link), "\(link)") }
            for address in rules.shell {
                #expect(address.hasPrefix("/assets/") || address == rules.offline, "\(address)")
                for personal in ["/panel", "/api/", "/kartabl", "/vorood", "/peygiri", "/khadamat", "/shekayat"] {
                    #expect(!address.hasPrefix(personal), "\(address)")
                }
                // Each is there to be fetched without cookies.
                let (shellStatus, _, _) = try await get(http, address)
                #expect(shellStatus == .ok, "\(address)")
            }
            // It stores the shell once, when it installs, and nothing afterwards; it answers from
            // the cache only the shell's exact addresses, and pages from the network.
            #expect(HTMLText.count("addAll(", in: script) == 1)
            #expect(HTMLText.count("credentials: 'omit'", in: script) == 1)
            for writer in [".put(", ".add(", "localStorage", "indexedDB"] {
                #expect(!script.contains(writer), "\(writer)")
            }
            #expect(script.contains("SHELL.has(url.pathname + url.search)"))
            #expect(script.contains("if (request.method !== 'GET') { return; }"))
            #expect(headers[.eTag] != nil)
        }
    }

    @Test("the offline page says in Persian that the desk needs a connection, and its version is the worker's")
    func offlinePage() async throws {
        try await WebPagesHarness.run(catalog: false) { http, _ in
            let (status, headers, body) = try await get(http, "/offline")
            #expect(status == .ok)
            #expect(headers[.contentType] == "text/html; charset=utf-8")
            let html = String(buffer: body)
            #expect(html.contains("<html lang=\"fa\" dir=\"rtl\">"))
            #expect(html.contains("<h1 id=\"page-title\">اتصال به اینترنت برقرار نیست</h1>"))
            #expect(HTMLText.visible(html).contains("میز خدمت برای کار به اینترنت نیاز دارد"))
            // The worker fetches it without cookies: the anonymous header, whoever asks.
            #expect(html.contains("<a href=\"/vorood\">ورود به سامانه</a>"))
            let site = try WebSite.bundled()
            #expect(site.app.rules.offline.hasSuffix(String(FNV1a64.hexDigest(html.utf8).prefix(12))))
        }
    }

    @Test("/app explains installing on Android and iPhone; the home page and the footer link to it")
    func appPage() async throws {
        try await WebPagesHarness.run { http, _ in
            let (status, _, body) = try await get(http, "/app")
            #expect(status == .ok)
            let html = String(buffer: body)
            #expect(html.contains("<h1 id=\"page-title\">اپلیکیشن موبایل میز خدمت</h1>"))
            let android = try part(of: html, from: "<h2 id=\"app-android\">", to: "</section>")
            #expect(android.contains("کروم") && android.contains("«افزودن به صفحهٔ اصلی»"))
            let iphone = try part(of: html, from: "<h2 id=\"app-iphone\">", to: "</section>")
            #expect(iphone.contains("سافاری") && iphone.contains("«اشتراک‌گذاری»"))
            #expect(iphone.contains("«افزودن به صفحهٔ اصلی» (<bdi dir=\"ltr\">Add to Home Screen</bdi>)"))
            #expect(html.contains("data-install-app hidden"))
            #expect(HTMLText.visible(html).range(of: "[0-9]", options: .regularExpression) == nil)

            let (_, _, homeBody) = try await get(http, "/")
            let home = String(buffer: homeBody)
            let intro = try part(of: home, from: "<section class=\"intro\"", to: "</section>")
            #expect(intro.contains("<a href=\"/app\">دانلود اپلیکیشن موبایل</a>"))
            let footer = try part(of: home, from: "<footer class=\"site-footer\">", to: "</footer>")
            #expect(footer.contains("<a href=\"/app\">دانلود اپلیکیشن موبایل</a>"))
        }
    }

    @Test("a visitor gets «ورود به سامانه» in the header and on the home page; nobody gets «پنل کاربری» before login")
    func anonymousLoginLink() async throws {
        try await WebPagesHarness.run { http, _ in
            for uri in ["/", "/soalat", "/app"] {
                let (_, headers, body) = try await get(http, uri)
                // The header differs by visitor: a shared cache must key the page by cookie.
                #expect(headers[values: .vary].contains("Cookie"), "\(uri)")
                let html = String(buffer: body)
                let nav = try part(of: html, from: "<nav class=\"site-nav\"", to: "</nav>")
                #expect(nav.contains("<a href=\"/vorood\">ورود به سامانه</a>"), "\(uri)")
                #expect(!nav.contains("پنل کاربری") && !nav.contains("/kartabl"), "\(uri)")
            }
            let (_, _, body) = try await get(http, "/")
            let intro = try part(of: String(buffer: body), from: "<section class=\"intro\"", to: "</section>")
            #expect(intro.contains("<a href=\"/vorood\">ورود به سامانه</a>"))
        }
    }

    @Test("a logged-in citizen gets «پنل کاربری» in the header and on the home page instead of the login link")
    func citizenPanelLink() async throws {
        try await RequestsGatewayDesk.run { desk in
            try await desk.http { http in
                let token = try await desk.login(
                    http, nationalCode: "0012345679", mobile: "09121234567", codeNumber: 1)
                let cookie: HTTPFields = [.cookie: "miz_session=\(token)"]
                for uri in ["/", "/soalat", "/khadamat/forest-seedling-request"] {
                    let (status, _, body) = try await get(http, uri, headers: cookie)
                    #expect(status == .ok, "\(uri)")
                    let nav = try part(of: String(buffer: body), from: "<nav class=\"site-nav\"", to: "</nav>")
                    #expect(nav.contains("<a href=\"/panel\">پنل کاربری</a>"), "\(uri)")
                    #expect(!nav.contains("ورود به سامانه"), "\(uri)")
                }
                let (_, _, body) = try await get(http, "/", headers: cookie)
                let intro = try part(of: String(buffer: body), from: "<section class=\"intro\"", to: "</section>")
                #expect(intro.contains("<a href=\"/panel\">پنل کاربری</a>"))
                #expect(!intro.contains("ورود به سامانه"))
                // The same pages without the cookie: the login link again.
                let (_, _, anonymous) = try await get(http, "/soalat")
                #expect(String(buffer: anonymous).contains("<a href=\"/vorood\">ورود به سامانه</a>"))
            }
        }
    }

    @Test("logged-in staff get «کارتابل» in the header, neither the login link nor the citizen's panel")
    func staffInboxLink() async throws {
        try await AuthDesk.run { desk in
            try await StaffPanelGatewayTests.accounts(desk)
            try await desk.http { http in
                let token = try await StaffPanelGatewayTests.staffSession(http, "admin", "administrator secret")
                let (_, _, body) = try await get(http, "/soalat", headers: [.cookie: "miz_session=\(token)"])
                let nav = try part(of: String(buffer: body), from: "<nav class=\"site-nav\"", to: "</nav>")
                #expect(nav.contains("<a href=\"/kartabl\">کارتابل</a>"))
                #expect(!nav.contains("ورود به سامانه") && !nav.contains("پنل کاربری"))
            }
        }
    }

    @Test("the FAQ describes the SMS login and the installable app as they are")
    func faqAnswers() async throws {
        try await WebPagesHarness.run(catalog: false) { http, _ in
            let (_, _, body) = try await get(http, "/soalat")
            let faq = String(buffer: body)
            let password = HTMLText.visible(
                try part(of: faq, from: "<section class=\"faq\" aria-labelledby=\"q-password\">", to: "</section>"))
            for fact in ["کد ملی", "شماره همراه", "شش‌رقمی", "پیامک", "۲ دقیقه", "تنها یک بار", "شاهکار", "۱۵ دقیقه"] {
                #expect(password.contains(fact), "\(fact)")
            }
            #expect(!password.contains("رمز عبور شما"))
            let login = HTMLText.visible(
                try part(of: faq, from: "<section class=\"faq\" aria-labelledby=\"q-login\">", to: "</section>"))
            #expect(login.contains("«ورود به سامانه»"))
            #expect(!login.contains("نام کاربری و رمز عبور خود را وارد"))
            let app = try part(of: faq, from: "<section class=\"faq\" aria-labelledby=\"q-app\">", to: "</section>")
            #expect(app.contains("<a href=\"/app\">"))
            #expect(app.contains("«دانلود اپلیکیشن موبایل»"))
            #expect(app.contains("«افزودن به صفحهٔ اصلی»"))
            #expect(!app.contains("اپلیکیشن موبایل سامانه و سامانه‌های دیگر"))
        }
    }

    @Test("the birth date hint of a refused applicant agrees with the form: the calendar, or typed as ۱۳۷۰/۰۵/۲۱")
    func birthDateHint() async throws {
        try await AuthDesk.run { desk in
            try await desk.http { http in
                let csrf = "0123456789abcdef0123456789abcdef"
                let (_, _, formBody) = try await get(http, "/estelam")
                let form = String(buffer: formBody)
                let formHint = try part(of: form, from: "<p id=\"birth-date-hint\"", to: "</p>")
                #expect(formHint.contains("تقویم") && formHint.contains("۱۳۷۰/۰۵/۲۱"))
                #expect(form.contains("name=\"birthDateText\""))
                let names = "firstName=%D8%B9%D9%84%DB%8C&lastName=%D8%B1%D8%B6%D8%A7%DB%8C%DB%8C"  // علی رضایی
                // A typed date the registry does not confirm: parsed, checked, refused with the hint.
                let (status, refused) = try await http.execute(
                    uri: "/estelam", method: .post,
                    headers: [.cookie: "miz_csrf=\(csrf)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(
                        string:
                            "csrf=\(csrf)&nationalCode=0012345679&\(names)&mobile=09121234567&birthDateText=1370/05/13")
                ) { ($0.status, String(buffer: $0.body)) }
                #expect(status == .badRequest)
                let problem = try part(of: refused, from: "<p id=\"birth-date-problem\"", to: "</p>")
                #expect(problem.contains("تقویم") && problem.contains("۱۳۷۰/۰۵/۲۱"))
                #expect(!problem.contains("به هیچ عنوان") && !problem.contains("دستی"))
            }
        }
    }
}
