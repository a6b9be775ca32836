import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MizBus
import MizPersian
import MizSchema

/// The desk's web pages: right to left, Persian, mobile first, server-rendered from mustache
/// templates, working without JavaScript.
///
/// - `GET /`: the map and list of provinces, and the services with search (`q`, `category`,
///   `page`).
/// - `GET /ostan/{slug}`: a province's desk: the services it offers, each request link
///   carrying the province.
/// - `GET /khadamat/{code}`: a service's profile (شناسنامه), with `ostan` kept from the desk.
/// - `GET /soalat`, `GET /rahnama`: the questions people ask, and the user guide.
/// - `GET /_fragments/services`: the list alone, for the script that searches as one types.
/// - `GET /assets/…`: stylesheet, script, fonts and icons.
/// - `GET /app`, `/manifest.webmanifest`, `/sw.js`, `/offline`: the desk as an installed app
///   (`WebAppRoutes`).
package struct WebRoutes: Sendable {
    /// Results per page of a list.
    package static let pageSize = 10
    /// How long a page waits for the catalog.
    package static let catalogTimeout: Duration = .seconds(4)

    let client: BusClient
    /// The templates and assets, nil when they could not be read.
    package let site: WebSite?

    /// Pages over a bus client, from the gateway's bundled templates and assets.
    package init(client: BusClient) {
        self.client = client
        do {
            self.site = try WebSite.bundled()
        } catch {
            Logger(label: "miz.gateway.web").critical(
                "web pages unavailable: resources unreadable", metadata: ["miz.error": "\(error)"])
            self.site = nil
        }
    }

    /// Pages over a bus client from a site loaded elsewhere (tests).
    package init(client: BusClient, site: WebSite) {
        self.client = client
        self.site = site
    }

    /// Adds the pages to a router, with the middleware that renders their errors as pages.
    package func add(to router: Router<GatewayRequestContext>) {
        router.add(middleware: PageVisitorMiddleware())
        router.add(middleware: WebErrorMiddleware(site: site))
        router.get("/") { request, context in try await self.home(request, context: context) }
        router.get("/ostan") { _, _ in WebResponse.redirect(to: "/#ostan-ha") }
        router.get("/ostan/:slug") { request, context in try await self.provinceDesk(request, context: context) }
        router.get("/khadamat") { _, _ in WebResponse.redirect(to: "/#khadamat") }
        router.get("/khadamat/:code") { request, context in try await self.profile(request, context: context) }
        router.get("/soalat") { _, _ in try self.staticPage("faq", title: "پرسش‌های متداول", section: .faq) }
        router.get("/rahnama") { _, _ in try self.staticPage("guide", title: "راهنمای کاربری", section: .guide) }
        router.get("/_fragments/services") { request, context in try await self.fragment(request, context: context) }
        router.get("/assets/**") { request, context in try self.asset(request, context: context) }
        WebAppRoutes(site: site).add(to: router)
    }

    // MARK: - Pages

    /// `/`: the provinces and the services.
    func home(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let site = try requireSite()
        let query = WebQuery(request.uri.query)
        async let provinces = call(Routes.Catalog.provinces, CatalogProvincesRequest(), context)
        let categories = try await call(Routes.Catalog.categories, CatalogCategoriesRequest(), context).categories
        let (list, category) = try await listing(query, province: nil, categories: categories, context: context)
        let view = HomeView(
            mapSVG: site.mapSVG, provinces: ProvinceLinkView.list(try await provinces.provinces),
            search: SearchFormView(
                searchText: query.searchText, category: category, categories: categories, province: nil),
            list: list)
        let meta = site.meta(
            title: "خدمات برخط سازمان منابع طبیعی و آبخیزداری کشور",
            description:
                "درخواست خدمات سازمان منابع طبیعی و آبخیزداری کشور بدون مراجعه حضوری: خدمت را پیدا کنید، شناسنامه آن را بخوانید و درخواست دهید.",
            section: .home)
        return WebResponse.html(try site.templates.render(Page(meta: meta, content: view), template: "home"))
    }

    /// `/ostan/{slug}`: a province's desk.
    func provinceDesk(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let site = try requireSite()
        let province = try requireProvince(context.parameters.get("slug"))
        let query = WebQuery(request.uri.query)
        async let provinces = call(Routes.Catalog.provinces, CatalogProvincesRequest(), context)
        let categories = try await call(Routes.Catalog.categories, CatalogCategoriesRequest(), context).categories
        let (list, category) = try await listing(query, province: province, categories: categories, context: context)
        let count = try await provinces.provinces.first { $0.slug == province.slug }?.serviceCount ?? 0
        let here = ProvinceContext(province)
        let view = ProvinceDeskView(
            province: here, serviceCount: WebFormat.count(count, "خدمت"),
            search: SearchFormView(
                searchText: query.searchText, category: category, categories: categories, province: here),
            list: list)
        let meta = site.meta(
            title: "میز خدمت استان \(province.persianName)",
            description: "خدمات اداره کل منابع طبیعی و آبخیزداری استان \(province.persianName) که برخط درخواست می‌شوند.",
            section: .other)
        return WebResponse.html(try site.templates.render(Page(meta: meta, content: view), template: "province"))
    }

    /// `/khadamat/{code}`: a service's profile.
    func profile(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let site = try requireSite()
        let code = context.parameters.get("code") ?? ""
        let query = WebQuery(request.uri.query)
        let province = query["ostan"].flatMap { Province(slug: $0) }
        async let categories = call(Routes.Catalog.categories, CatalogCategoriesRequest(), context)
        let profile = try await call(Routes.Catalog.profile, CatalogProfileRequest(code: code), context)
        let view = ProfileView(profile: profile, categories: try await categories.categories, province: province)
        let meta = site.meta(title: "شناسنامه خدمت: \(view.title)", description: view.summary, section: .other)
        return WebResponse.html(try site.templates.render(Page(meta: meta, content: view), template: "profile"))
    }

    /// `/_fragments/services`: the list of a search, without the page around it.
    func fragment(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let site = try requireSite()
        let query = WebQuery(request.uri.query)
        let province = try query["ostan"].map(requireProvince)
        let categories = try await call(Routes.Catalog.categories, CatalogCategoriesRequest(), context).categories
        let (list, _) = try await listing(query, province: province, categories: categories, context: context)
        return WebResponse.html(try site.templates.render(list, template: "service-list"))
    }

    /// A page without data from the services: the FAQ or the guide.
    func staticPage(_ template: String, title: String, section: PageMeta.Section) throws -> Response {
        let site = try requireSite()
        let meta = site.meta(
            title: title, description: "\(title) میز خدمت الکترونیکی سازمان منابع طبیعی و آبخیزداری کشور",
            section: section)
        return WebResponse.html(
            try site.templates.render(Page(meta: meta, content: [String: String]()), template: template))
    }

    /// `/assets/…`: a static file.
    func asset(_ request: Request, context: GatewayRequestContext) throws -> Response {
        let site = try requireSite()
        let name = context.parameters.getCatchAll().joined(separator: "/")
        guard
            let response = site.assets.response(
                for: name, version: WebQuery(request.uri.query)["v"], ifNoneMatch: request.headers[.ifNoneMatch])
        else { throw BusError(.notFound, message: WebErrorMiddleware.pageNotFound) }
        return response
    }

    // MARK: - Helpers

    /// One page of the services matching the query in a province (or everywhere), and the
    /// category filter that applied (an unknown category is ignored).
    func listing(
        _ query: WebQuery, province: Province?, categories: [CatalogCategory], context: GatewayRequestContext
    ) async throws -> (ServiceListView, String?) {
        let category = query["category"].flatMap { key in categories.contains { $0.key == key } ? key : nil }
        let text = query.searchText
        let search = CatalogSearchQuery(
            text: text, province: province?.slug, category: category, page: query.page, pageSize: Self.pageSize)
        let results = try await call(Routes.Catalog.search, search, context)
        let page = WebLinks.listPage(province: province?.slug)
        let list = ServiceListView(
            results: results, searchText: text, categories: categories, province: province?.slug
        ) { number in
            WebLinks.with(
                page, [("q", text), ("category", category), ("page", number == 1 ? nil : String(number))],
                fragment: "khadamat")
        }
        return (list, category)
    }

    func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, _ context: GatewayRequestContext
    ) async throws -> Reply {
        try await client.call(
            route, request, timeout: Self.catalogTimeout, caller: context.caller, traceId: context.traceId)
    }

    func requireSite() throws -> WebSite {
        guard let site else { throw BusError(.internal, message: "web resources unavailable") }
        return site
    }

    func requireProvince(_ slug: String?) throws -> Province {
        guard let slug, let province = Province(slug: slug) else {
            throw BusError(
                .notFound, message: "استان مورد نظر یافت نشد. استان خود را از روی نقشه یا فهرست استان‌ها انتخاب کنید.")
        }
        return province
    }
}
