import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema
import NIOCore

/// The officials' pages (each works without JavaScript; every form POSTs with the CSRF token
/// in a hidden field, checked against the `miz_csrf` cookie, and its own idempotency key, so a
/// double click acts once):
///
/// - `GET /kartabl`: the inbox: counts per status as tabs, the filters as a GET form (status,
///   service, Jalali dates, overdue), the requests by due date, overdue ones marked in words;
/// - `GET /kartabl/darkhast/{id}`: a request's review: applicant, form values, documents
///   (download links), history, notes, and the actions its status allows;
/// - `GET /kartabl/darkhast/{id}/madrak/{documentId}`: one stored file;
/// - `POST /kartabl/darkhast/{id}/bardashtan` (claim), `…/yaddasht` (note), `…/rafe-naghs`
///   (ask for a fix), `…/taeid` (approve, `multipart/form-data` with the result), `…/rad`
///   (reject).
///
/// A refused action shows the review page again with an error summary at the top, linking to
/// each field, and what was typed kept. Who may see or do what is decided by the requests
/// service from the session's caller.
package struct InboxPages: Sendable {
    let client: BusClient
    let site: WebSite?
    /// How long an action may take (an approval carries up to 20 MB).
    static let timeout: Duration = .seconds(15)
    /// How long a page waits to read the inbox or a request before saying it is unavailable.
    static let readTimeout: Duration = .seconds(5)

    package init(client: BusClient, site: WebSite?) {
        self.client = client
        self.site = site
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/kartabl") { request, context in try await inbox(request, context: context) }
        router.get("/kartabl/darkhast/{requestId}") { request, context in
            guard Self.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
            let notice = WebQuery(request.uri.query)["payam"].flatMap { RequestReviewView.notices[$0] }
            var view = try await review(request, context: context)
            view.notice = notice
            return try page(
                request, "inbox-review", title: "بررسی درخواست \(view.processNumber)", view: view, csrf: view.csrf)
        }
        router.get("/kartabl/darkhast/{requestId}/madrak/{documentId}") { _, context in
            guard Self.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
            let query = RequestDocumentQuery(
                requestId: try InboxAPIRoutes.requestId(context), documentId: context.parameters.get("documentId") ?? ""
            )
            let (document, files) = try await client.callWithAttachments(
                Routes.Requests.document, query, timeout: Self.timeout, caller: context.caller,
                traceId: context.traceId)
            guard let content = files.first else { throw BusError(.internal) }
            return DocumentDownload.response(document, content: content)
        }
        router.post("/kartabl/darkhast/{requestId}/bardashtan") { request, context in
            try await act(request, context: context, form: "claim") { id, _, key in
                _ = try await call(Routes.Requests.claim, RequestReference(requestId: id), context, key: key)
            }
        }
        router.post("/kartabl/darkhast/{requestId}/yaddasht") { request, context in
            try await act(request, context: context, form: "note") { id, form, key in
                let note = InternalNoteSubmission(requestId: id, text: form.first("text") ?? "")
                _ = try await call(Routes.Requests.note, note, context, key: key)
            }
        }
        router.post("/kartabl/darkhast/{requestId}/rafe-naghs") { request, context in
            try await act(request, context: context, form: "fix") { id, form, key in
                let fix = FixRequestSubmission(
                    requestId: id, fields: form.all("fields"), documents: form.all("documents"),
                    message: form.first("message") ?? "")
                _ = try await call(Routes.Requests.askForFix, fix, context, key: key)
            }
        }
        router.post("/kartabl/darkhast/{requestId}/rad") { request, context in
            try await act(request, context: context, form: "reject") { id, form, key in
                let rejection = RejectionSubmission(requestId: id, reasons: form.first("reasons") ?? "")
                _ = try await call(Routes.Requests.reject, rejection, context, key: key)
            }
        }
        router.post("/kartabl/darkhast/{requestId}/taeid") { request, context in
            try await approve(request, context: context)
        }
    }

    // MARK: - The inbox

    /// `GET /kartabl`.
    func inbox(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let session = context.session, session.caller.kind == .staff else {
            return WebResponse.redirect(to: "/vorood/karkonan")
        }
        let isAdministrator = session.caller.role == .administrator
        let provinces = (session.caller.provinces ?? []).compactMap { Province(slug: $0)?.persianName }
        var view = InboxPageView(
            csrf: Self.csrf(request), who: session.displayName ?? "",
            role: isAdministrator ? "مدیر کل سامانه" : "کارشناس استان",
            provincesText: provinces.isEmpty ? nil : provinces.joined(separator: "، "), isAdministrator: isAdministrator
        )
        let parameters = APIQueryParameters(query: request.uri.query)
        for key in ["service", "province", "from", "to"] {
            view.values[key] = InboxQueryParameters.value(parameters, key)
        }
        view.overdueChecked = InboxQueryParameters.value(parameters, "overdue") != nil
        let scope =
            isAdministrator ? Province.allCases : (session.caller.provinces ?? []).compactMap(Province.init(slug:))
        view.provinceOptions =
            [InboxPageView.Option(value: "", title: "همه استان‌های من", isSelected: view.values["province"] == nil)]
            + scope.map { .init(value: $0.slug, title: $0.persianName, isSelected: view.values["province"] == $0.slug) }
        view.hasProvinceChoice = scope.count > 1
        let services = await services(context)
        view.serviceOptions =
            [InboxPageView.Option(value: "", title: "همه خدمات", isSelected: view.values["service"] == nil)]
            + services.map { .init(value: $0.code, title: $0.title, isSelected: view.values["service"] == $0.code) }
        view.hasServiceOptions = !services.isEmpty
        let chosen = InboxQueryParameters.value(parameters, "status")
        view.statusOptions =
            [InboxPageView.StatusOption(value: "", title: "همه وضعیت‌ها", isSelected: chosen == nil)]
            + InboxPageView.order.map {
                .init(value: $0.rawValue, title: $0.persianName, isSelected: chosen == $0.rawValue)
            }
        var status: HTTPResponse.Status = .ok
        do {
            let query = try InboxQueryParameters(parameters).query
            view.show(
                try await call(Routes.Requests.inbox, query, context, timeout: Self.readTimeout), query: query,
                viewer: session.caller.staffId)
        } catch let error as BusError where error.code == .invalidInput || error.code == .forbidden {
            status = HTTPErrorMapping.status(for: error.code)
            view.errors =
                error.fields.isEmpty
                ? [InboxPageView.Problem(field: "inbox-filter-status", message: error.message)]
                : error.fields.map { InboxPageView.Problem(field: Self.filterInput($0.field), message: $0.message) }
            view.hasErrors = true
        } catch let error as BusError where error.code.isTransient {
            status = .serviceUnavailable
            view.unavailable = "کارتابل اکنون در دسترس نیست. لطفاً چند لحظه بعد دوباره تلاش کنید."
        }
        return try page(request, "inbox", title: "کارتابل", view: view, csrf: view.csrf, status: status)
    }

    /// The catalog's services in title order, for the service filter; empty when the catalog
    /// does not answer (the filter then takes a typed code).
    func services(_ context: GatewayRequestContext) async -> [ServiceSummary] {
        var found: [ServiceSummary] = []
        var page = 1
        while page <= 10 {
            guard
                let results = try? await client.call(
                    Routes.Catalog.list,
                    CatalogListRequest(page: page, pageSize: CatalogSearchQuery.maximumPageSize, includeInactive: true),
                    timeout: .seconds(3), caller: context.caller, traceId: context.traceId)
            else { return found }
            found += results.items
            if page >= results.pageCount { break }
            page += 1
        }
        return found
    }

    /// The id of the filter input a field error of `requests.inbox` belongs to.
    static func filterInput(_ field: String) -> String {
        switch field {
        case "submittedFrom", "from": "inbox-filter-from"
        case "submittedTo", "to": "inbox-filter-to"
        case "serviceCode", "service": "inbox-filter-service"
        case "overdue": "inbox-filter-overdue"
        case "province": "inbox-filter-province"
        default: "inbox-filter-status"
        }
    }

    // MARK: - The review

    /// The review page's view of the request in the path.
    func review(_ request: Request, context: GatewayRequestContext) async throws -> RequestReviewView {
        let id = try InboxAPIRoutes.requestId(context)
        let detail = try await call(
            Routes.Requests.detail, RequestReference(requestId: id), context, timeout: Self.readTimeout)
        let profile = try? await client.call(
            Routes.Catalog.profile,
            CatalogProfileRequest(code: detail.summary.serviceCode, version: detail.profileVersion),
            timeout: .seconds(4), caller: context.caller, traceId: context.traceId)
        return RequestReviewView(
            csrf: Self.csrf(request), detail: detail, profile: profile, viewer: context.session?.caller.staffId)
    }

    /// Runs one action of the review page: checks the session and the CSRF token, calls the
    /// service, and redirects to the review with a notice, or shows it again with the error.
    func act(
        _ request: Request, context: GatewayRequestContext, form name: String,
        _ action: (String, PostedForm, String) async throws -> Void
    ) async throws -> Response {
        guard Self.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = PostedForm(APIQueryParameters(query: String(buffer: body)))
        try Self.checkCSRF(request, sent: form.first(SessionCookie.csrfField))
        return try await finish(request, context: context, form: name, values: form.values, checked: form.checked) {
            try await action(try InboxAPIRoutes.requestId(context), form, form.first("key") ?? UUID().uuidString)
        }
    }

    /// `POST /kartabl/darkhast/{id}/taeid`: the result document arrives as
    /// `multipart/form-data`, so the page works without JavaScript.
    func approve(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard Self.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let upload: MultipartForm
        do {
            upload = try await MultipartForm.read(request)
        } catch let error as BusError {
            // Unreadable or too large: nothing changes, so the page is shown again with the
            // reason (its CSRF field could not be read, and is not needed to show a page).
            let problem = BusError.invalidInput([FieldError(field: "result", message: error.message)])
            return try await failed(
                request, context: context, form: "approve", error: problem, values: [:], checked: [])
        }
        try Self.checkCSRF(request, sent: upload.raw(SessionCookie.csrfField))
        let values = ["note": upload["note"] ?? ""]
        return try await finish(request, context: context, form: "approve", values: values, checked: []) {
            guard let result = upload.file("result") else {
                throw BusError.invalidInput([FieldError(field: "result", message: "فایل نتیجه را پیوست کنید.")])
            }
            let approval = ApprovalSubmission(
                requestId: try InboxAPIRoutes.requestId(context), resultFileName: result.fileName, note: upload["note"])
            _ = try await call(
                Routes.Requests.approve, approval, context, key: upload["key"] ?? UUID().uuidString,
                attachments: [result.data])
        }
    }

    /// Redirects after a successful action; shows the review again after a refused one.
    func finish(
        _ request: Request, context: GatewayRequestContext, form: String, values: [String: String],
        checked: Set<String>, _ action: () async throws -> Void
    ) async throws -> Response {
        do {
            try await action()
            let id = try InboxAPIRoutes.requestId(context)
            return WebResponse.redirect(to: "/kartabl/darkhast/\(id)?payam=\(form)")
        } catch let error as BusError
            where [.invalidInput, .conflict, .forbidden, .notFound].contains(error.code)
        {
            return try await failed(
                request, context: context, form: form, error: error, values: values, checked: checked)
        }
    }

    /// The review page with an error summary for a refused action.
    func failed(
        _ request: Request, context: GatewayRequestContext, form: String, error: BusError, values: [String: String],
        checked: Set<String>
    ) async throws -> Response {
        var view = try await review(request, context: context)
        view.show(error, form: form, values: values, checked: checked)
        return try page(
            request, "inbox-review", title: "بررسی درخواست \(view.processNumber)", view: view,
            csrf: view.csrf, status: HTTPErrorMapping.status(for: error.code))
    }

    // MARK: - Helpers

    /// A posted `application/x-www-form-urlencoded` body, keeping every value of a repeated
    /// name (the fix form's checkboxes).
    struct PostedForm {
        let parameters: APIQueryParameters

        init(_ parameters: APIQueryParameters) { self.parameters = parameters }

        /// The first value of `name`, trimmed; nil when blank.
        func first(_ name: String) -> String? { InboxQueryParameters.value(parameters, name) }

        /// Every non-blank value of `name`.
        func all(_ name: String) -> [String] {
            parameters.pairs.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }

        /// The texts typed, to show again after an error.
        var values: [String: String] {
            ["text": first("text") ?? "", "message": first("message") ?? "", "reasons": first("reasons") ?? ""]
        }

        /// The boxes ticked, as `field:<code>` and `document:<key>`.
        var checked: Set<String> {
            Set(all("fields").map { "field:" + $0 } + all("documents").map { "document:" + $0 })
        }
    }

    static func isStaff(_ context: GatewayRequestContext) -> Bool { context.session?.caller.kind == .staff }

    /// Refuses a form whose CSRF field does not match the cookie.
    static func checkCSRF(_ request: Request, sent: String?) throws {
        guard let cookie = request.cookies[SessionCookie.csrfName]?.value, let sent, SessionCookie.same(cookie, sent)
        else {
            throw BusError(
                .forbidden,
                message: "مهلت این فرم به پایان رسیده یا فرم از جای دیگری فرستاده شده است؛ صفحه را دوباره باز کنید.")
        }
    }

    /// The request's CSRF token, or a new one that `page` sets as a cookie.
    static func csrf(_ request: Request) -> String {
        request.cookies[SessionCookie.csrfName]?.value ?? SessionCookie.newCSRFToken()
    }

    func page(
        _ request: Request, _ template: String, title: String, view: some Sendable, csrf: String,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard let site else { throw BusError(.internal, message: "web resources unavailable") }
        return try site.privatePage(
            request, template: template, title: title, content: view, csrf: csrf, status: status)
    }

    func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, _ context: GatewayRequestContext, key: String? = nil,
        attachments: [Data] = [], timeout: Duration = InboxPages.timeout
    ) async throws -> Reply {
        try await client.call(
            route, request, timeout: timeout, caller: context.caller, idempotencyKey: key,
            traceId: context.traceId, attachments: attachments)
    }
}
