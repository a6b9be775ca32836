import Foundation
import Gateway
import MizSchema
import Testing

@Suite("Web page parts")
struct WebPagesUnitTests {
    @Test("the map has the 31 provinces as closed paths inside its view box")
    func map() throws {
        let map = try WebSite.bundled().map
        #expect(map.provinces.count == 31)
        #expect(Set(map.provinces.map(\.slug)).count == 31)
        let parts = map.viewBox.split(separator: " ").compactMap { Int($0) }
        #expect(parts.count == 4 && parts[2] == 1000)
        // Iran is about as tall as it is wide once longitudes are scaled by cos(32.4°).
        #expect((850...1000).contains(parts[3]))
        for province in map.provinces {
            #expect(province.pathData.hasPrefix("M"))
            #expect(province.pathData.hasSuffix("z"))
            #expect((0...1000).contains(province.centerX) && (0...Double(parts[3])).contains(province.centerY))
        }
        // Keyboard order runs north to south: Ardabil or a Caspian province comes before Hormozgan.
        let order = map.provinces.map(\.slug)
        #expect(try #require(order.firstIndex(of: "ardabil")) < #require(order.firstIndex(of: "hormozgan")))
    }

    @Test("the projection scales longitudes by the cosine of the mean latitude")
    func projection() {
        let projection = EquirectangularProjection(fitting: [[44, 25], [64, 40]], width: 1000)
        let factor = cos(32.5 * Double.pi / 180)
        #expect(abs(projection.longitudeFactor - factor) < 1e-12)
        let (x0, y0) = projection.project(longitude: 44, latitude: 40)
        #expect(abs(x0) < 1e-9 && abs(y0) < 1e-9)
        let (x1, _) = projection.project(longitude: 64, latitude: 40)
        #expect(abs(x1 - 1000) < 1e-9)
        #expect(abs(projection.height - (15 * projection.scale).rounded(.up)) < 1e-9)
    }

    @Test("subpaths are relative and compact")
    func subpath() {
        #expect(IranMap.subpath([(10, 20), (13, 18), (13, 25)]) == "M10 20l3-2 0 7z")
    }

    @Test("numbers, sizes and fees are shown in Persian")
    func formatting() {
        #expect(WebFormat.number(1_250_000) == "۱٬۲۵۰٬۰۰۰")
        #expect(WebFormat.number(34) == "۳۴")
        #expect(WebFormat.fileSize(kilobytes: 500) == "۵۰۰ کیلوبایت")
        #expect(WebFormat.fileSize(kilobytes: 2048) == "۲ مگابایت")
        #expect(WebFormat.fileSize(kilobytes: 2560) == "۲٫۵ مگابایت")
        #expect(WebFormat.fee(.free) == "رایگان")
        #expect(WebFormat.fee(Fee(kind: .fixed, amountRials: 500_000)) == "۵۰۰٬۰۰۰ ریال")
        #expect(WebFormat.workingDays(15) == "۱۵ روز کاری")
    }

    @Test("query strings are read as browsers send forms")
    func query() {
        let query = WebQuery("q=%D9%BE%D8%B1%D9%88%D8%A7%D9%86%D9%87+%DA%86%D8%B1%D8%A7&page=%DB%B2&category=&q=second")
        #expect(query.searchText == "پروانه چرا")
        #expect(query.page == 2)
        #expect(query["category"] == nil)
        #expect(WebQuery("page=0").page == 1)
        #expect(WebQuery("page=abc").page == 1)
        #expect(
            WebQuery(String(repeating: "q=", count: 1) + String(repeating: "a", count: 500)).searchText.count == 200)
    }

    @Test("links percent-encode their parts")
    func links() {
        #expect(WebLinks.with("/", [("q", "حمل چوب"), ("page", nil)]) == "/?q=%D8%AD%D9%85%D9%84%20%DA%86%D9%88%D8%A8")
        #expect(WebLinks.with("/", [("q", "a&b=c")]) == "/?q=a%26b%3Dc")
        #expect(
            WebLinks.request("forest-seedling-request", province: "yazd")
                == "/khadamat/forest-seedling-request?ostan=yazd#darkhast")
    }

    @Test("page links show few numbers when there are many pages")
    func pagination() throws {
        let view = try #require(PaginationView(page: 5, pageCount: 9) { "/?page=\($0)" })
        #expect(view.entries.map(\.label) == ["۱", "…", "۴", "۵", "۶", "…", "۹"])
        #expect(view.previousLink == "/?page=4" && view.nextLink == "/?page=6")
        #expect(PaginationView(page: 1, pageCount: 1) { "\($0)" } == nil)
    }
}
