import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The administrators' pages for the service catalog (شناسنامه خدمات), under `/kartabl`:
///
/// - `GET /kartabl/khadamat`: every service, deactivated ones too, with words, state and
///   category filters (a GET form) and pages;
/// - `GET /kartabl/khadamat/no`, `POST …/no`: a new service (stored active, at version 1);
/// - `GET /kartabl/khadamat/{code}`, `POST …/{code}`: the current version in the editor;
///   saving stores the next version (`catalog.edit`, with the version the editor started
///   from, so a concurrent edit is a conflict rather than lost);
/// - `POST /kartabl/khadamat/{code}/gheyrfaal` and `…/faal`: deactivate, reactivate;
/// - `GET /kartabl/khadamat/{code}/noskheha`: every version (number, Jalali time, title,
///   state), and `GET …/noskheha/{n}`: one version's card, read-only, with the fields changed
///   since version n − 1 marked in words. Officials may read these two (the catalog lets staff
///   read versions); the editor's link is for administrators.
///
/// Every form works without JavaScript: the rows of documents and form fields are added and
/// removed by submit buttons that show the form again with what was typed (see
/// `CatalogEditorForm`). Every POST carries the CSRF field and an idempotency key. A refusal
/// of the catalog shows the form again with its Persian problems beside each field and in a
/// summary at the top; nothing is stored then. The pages are for administrators: others on
/// staff get a 403 page, anyone else the staff login. The catalog checks the caller again
/// for every write.
package struct CatalogAdminPages: Sendable {
    /// The list's address.
    package static let listPath = "/kartabl/khadamat"
    /// The new service's address.
    package static let newPath = "/kartabl/khadamat/no"
    /// How long a catalog call of these pages may take.
    static let timeout: Duration = .seconds(8)
    /// Results per page of the list.
    static let pageSize = 20
    /// The largest form accepted.
    static let maximumFormSize = 512 * 1024
    /// The page a staff member who is not an administrator gets.
    static let notAdministrator = BusError(
        .forbidden, message: "این بخش فقط برای مدیران سامانه است. برای تغییر شناسنامه خدمات با مدیر سامانه تماس بگیرید."
    )

    let client: BusClient
    let site: WebSite?
    /// The public reply cache of the API, emptied after each write so this gateway shows the
    /// change at once.
    let cache: CatalogReplyCache
    let inbox: InboxPages

    /// Pages over `client`, emptying `cache` after each write.
    package init(client: BusClient, site: WebSite?, cache: CatalogReplyCache) {
        self.client = client
        self.site = site
        self.cache = cache
        inbox = InboxPages(client: client, site: site)
    }

    /// The editor's address of a service.
    package static func editPath(_ code: String) -> String { "/kartabl/khadamat/\(WebLinks.segment(code))" }

    /// The address of a service's list of versions.
    package static func versionsPath(_ code: String) -> String { editPath(code) + "/noskheha" }

    /// The address of one version's read-only card.
    package static func versionPath(_ code: String, _ version: Int) -> String {
        versionsPath(code) + "/\(version)"
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/kartabl/khadamat/{code}/noskheha") { request, context in
            guard InboxPages.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
            return try await versions(request, context: context)
        }
        router.get("/kartabl/khadamat/{code}/noskheha/{version}") { request, context in
            guard InboxPages.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
            return try await version(request, context: context)
        }
        router.get("/kartabl/khadamat") { request, context in
            if let refusal = try Self.refusal(context) { return refusal }
            return try await list(request, context: context)
        }
        router.get("/kartabl/khadamat/no") { request, context in
            if let refusal = try Self.refusal(context) { return refusal }
            return try await editor(request, context: context, form: CatalogEditorForm(), isNew: true)
        }
        router.post("/kartabl/khadamat/no") { request, context in
            if let refusal = try Self.refusal(context) { return refusal }
            return try await submit(request, context: context, code: nil)
        }
        router.get("/kartabl/khadamat/{code}") { request, context in
            if let refusal = try Self.refusal(context) { return refusal }
            let profile = try await call(
                Routes.Catalog.profile, CatalogProfileRequest(code: try CatalogAdminAPIRoutes.code(context)), context)
            var notice: String?
            switch WebQuery(request.uri.query)["payam"] ?? "" {
            case "sakht": notice = "خدمت ساخته شد (نسخه ۱) و در فهرست خدمات و جستجو دیده می‌شود."
            case "virayesh":
                notice = "نسخه \(WebFormat.number(profile.version)) ذخیره شد و در شناسنامه عمومی خدمت دیده می‌شود."
            case "gheyrfaal": notice = "خدمت غیرفعال شد: در فهرست و جستجو دیده نمی‌شود و درخواست تازه نمی‌پذیرد."
            case "faal": notice = "خدمت دوباره فعال شد."
            default: notice = nil
            }
            return try await editor(
                request, context: context, form: CatalogEditorForm(profile: profile), isNew: false, notice: notice)
        }
        router.post("/kartabl/khadamat/{code}") { request, context in
            if let refusal = try Self.refusal(context) { return refusal }
            return try await submit(request, context: context, code: try CatalogAdminAPIRoutes.code(context))
        }
        router.post("/kartabl/khadamat/{code}/gheyrfaal") { request, context in
            if let refusal = try Self.refusal(context) { return refusal }
            return try await switchActive(request, context: context, to: false)
        }
        router.post("/kartabl/khadamat/{code}/faal") { request, context in
            if let refusal = try Self.refusal(context) { return refusal }
            return try await switchActive(request, context: context, to: true)
        }
    }

    /// The staff login for a visitor without a staff session; a 403 page for staff who are
    /// not administrators; nil for an administrator.
    static func refusal(_ context: GatewayRequestContext) throws -> Response? {
        guard InboxPages.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        guard context.session?.caller.role == .administrator else { throw notAdministrator }
        return nil
    }

    // MARK: - The list

    /// `GET /kartabl/khadamat`.
    func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let query = APIQueryParameters(query: request.uri.query)
        let categories = try await call(Routes.Catalog.categories, CatalogCategoriesRequest(), context).categories
        let (checked, refusal) = CatalogStaffListParameters.leniently(query)
        var parameters = checked
        parameters.search.pageSize = Self.pageSize
        let results = try await call(Routes.Catalog.list, parameters.listRequest, context)
        var view = CatalogAdminListView(
            results: results, parameters: parameters,
            searchText: (query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines), categories: categories)
        view.problem = refusal.map { $0.fields.first?.message ?? $0.message }
        view.csrf = InboxPages.csrf(request)
        return try inbox.page(
            request, "catalog-admin-list", title: "شناسنامه خدمات", view: view, csrf: view.csrf,
            status: refusal == nil ? .ok : .badRequest)
    }

    // MARK: - Versions

    /// `GET /kartabl/khadamat/{code}/noskheha`: every version of the service, newest first.
    /// Staff may read it (the catalog checks); only administrators get the editor's link.
    func versions(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let code = try CatalogAdminAPIRoutes.code(context)
        let list = try await call(Routes.Catalog.versions, CatalogVersionsRequest(code: code), context)
        let view = CatalogVersionsView(
            list: list, isAdministrator: context.session?.caller.role == .administrator)
        return try inbox.page(
            request, "catalog-versions", title: view.heading, view: view, csrf: InboxPages.csrf(request))
    }

    /// `GET /kartabl/khadamat/{code}/noskheha/{version}`: one version's card, read-only, with
    /// the fields changed since the version before it marked. A version that is not a number
    /// from 1 (in any digits) or not stored is the not-found page.
    func version(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let code = try CatalogAdminAPIRoutes.code(context)
        guard let number = PersianDigits.parseInteger(context.parameters.get("version") ?? ""), number >= 1 else {
            throw BusError(.notFound, message: "این نسخه از شناسنامه خدمت پیدا نشد.")
        }
        let list = try await call(Routes.Catalog.versions, CatalogVersionsRequest(code: code), context)
        guard list.versions.contains(where: { $0.version == number }) else {
            throw BusError(.notFound, message: "این نسخه از شناسنامه خدمت پیدا نشد.")
        }
        let profile = try await call(
            Routes.Catalog.profile, CatalogProfileRequest(code: code, version: number), context)
        var previous: ServiceProfile?
        if number > 1 {
            previous = try await call(
                Routes.Catalog.profile, CatalogProfileRequest(code: code, version: number - 1), context)
        }
        let categories = try await call(Routes.Catalog.categories, CatalogCategoriesRequest(), context).categories
        let view = CatalogVersionView(
            profile: profile, previous: previous, current: list.currentVersion, categories: categories)
        return try inbox.page(
            request, "catalog-version", title: view.heading, view: view, csrf: InboxPages.csrf(request))
    }

    // MARK: - The editor

    /// The editor page of `form`.
    func editor(
        _ request: Request, context: GatewayRequestContext, form: CatalogEditorForm, isNew: Bool,
        notice: String? = nil, problems: (byInput: [String: String], summary: [CatalogEditorView.Problem])? = nil,
        focus: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let categories = try await call(Routes.Catalog.categories, CatalogCategoriesRequest(), context).categories
        var view = CatalogEditorView(
            form: form, categories: categories, csrf: InboxPages.csrf(request),
            action: isNew ? Self.newPath : Self.editPath(form.code), isNew: isNew, problems: problems?.byInput ?? [:],
            focus: focus)
        view.notice = notice
        view.problems = problems?.summary ?? []
        return try inbox.page(
            request, "catalog-editor", title: view.heading, view: view, csrf: view.csrf, status: status)
    }

    /// `POST /kartabl/khadamat/no` and `…/{code}`: a row added or removed (the form shown
    /// again), or the form saved as a new service or the next version.
    func submit(_ request: Request, context: GatewayRequestContext, code: String?) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maximumFormSize)
        let posted = APIQueryParameters(query: String(buffer: body))
        try InboxPages.checkCSRF(request, sent: posted[SessionCookie.csrfField])
        var form = CatalogEditorForm(posted: posted)
        if let code { form.code = code }
        let isNew = code == nil
        let action = CatalogEditorForm.Action(posted["action"])
        guard action == .save else {
            let focus = form.apply(action)
            return try await editor(request, context: context, form: form, isNew: isNew, focus: focus)
        }
        let (draft, documentRows, fieldRows) = form.draft()
        do {
            let stored: ServiceProfile
            if let code {
                stored = try await call(
                    Routes.Catalog.edit,
                    CatalogEditRequest(code: code, baseVersion: form.baseVersion, profile: draft, active: form.active),
                    context, key: form.key)
            } else {
                stored = try await call(
                    Routes.Catalog.create, CatalogCreateRequest(profile: draft), context, key: form.key)
            }
            cache.removeAll()
            return WebResponse.redirect(to: Self.editPath(stored.code) + "?payam=" + (isNew ? "sakht" : "virayesh"))
        } catch let error as BusError where [.invalidInput, .conflict, .notFound, .forbidden].contains(error.code) {
            let problems = CatalogEditorView.problems(of: error, documentRows: documentRows, fieldRows: fieldRows)
            return try await editor(
                request, context: context, form: form, isNew: isNew, problems: problems,
                status: HTTPErrorMapping.status(for: error.code))
        }
    }

    /// `POST …/gheyrfaal` and `…/faal`: stores the next version with the state changed.
    func switchActive(_ request: Request, context: GatewayRequestContext, to active: Bool) async throws -> Response {
        let code = try CatalogAdminAPIRoutes.code(context)
        let body = try await request.body.collect(upTo: 16 * 1024)
        let posted = APIQueryParameters(query: String(buffer: body))
        try InboxPages.checkCSRF(request, sent: posted[SessionCookie.csrfField])
        let baseVersion = posted["baseVersion"].flatMap { Int($0) }
        let key = posted["key"].flatMap { $0.isEmpty || $0.count > 128 ? nil : $0 } ?? UUID().uuidString
        do {
            if active {
                _ = try await call(
                    Routes.Catalog.reactivate, CatalogReactivateRequest(code: code, baseVersion: baseVersion), context,
                    key: key + "-faal")
            } else {
                _ = try await call(
                    Routes.Catalog.deactivate, CatalogDeactivateRequest(code: code, baseVersion: baseVersion), context,
                    key: key + "-gheyrfaal")
            }
            cache.removeAll()
            return WebResponse.redirect(to: Self.editPath(code) + "?payam=" + (active ? "faal" : "gheyrfaal"))
        } catch let error as BusError where error.code == .conflict {
            let profile = try await call(Routes.Catalog.profile, CatalogProfileRequest(code: code), context)
            let problems = (
                byInput: [String: String](),
                summary: [CatalogEditorView.Problem(href: "#vaziat", message: error.message)]
            )
            return try await editor(
                request, context: context, form: CatalogEditorForm(profile: profile), isNew: false, problems: problems,
                status: .conflict)
        }
    }

    func call<BusRequest: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<BusRequest, Reply>, _ request: BusRequest, _ context: GatewayRequestContext, key: String? = nil
    ) async throws -> Reply {
        try await client.call(
            route, request, timeout: Self.timeout, caller: context.caller, idempotencyKey: key,
            traceId: context.traceId)
    }
}
