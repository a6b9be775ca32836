import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The citizen's panel (پنل کاربری) after login:
///
/// - `/panel`: their requests with status, and their complaints (`feedback.complaints`) with
///   status and tracking number;
/// - `/panel/darkhast/{id}`: one request, its timeline, answers, files, the fix asked for,
///   the result or the reasons of a rejection;
/// - `/panel/darkhast/{id}/madarek/{documentId}`, `/panel/darkhast/{id}/natije`: downloads;
/// - `/panel/darkhast/{id}/rafe-naqs`: the fix form, with exactly the fields and documents the
///   official named (multipart, works without JavaScript);
/// - `/panel/darkhast/{id}/enseraf`: withdrawal, after a confirmation page.
///
/// The requests service decides what the caller may see; another citizen's request is the
/// not-found page.
package struct PanelPages: Sendable {
    let client: BusClient
    let requests: RequestsClient
    let renderer: CitizenPageRenderer

    package init(client: BusClient, site: WebSite?) {
        self.client = client
        requests = RequestsClient(client: client)
        renderer = CitizenPageRenderer(site: site)
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/panel") { request, context in try await list(request, context: context) }
        router.get("/panel/darkhast/:id") { request, context in try await detail(request, context: context) }
        router.get("/panel/darkhast/:id/madarek/:documentId") { request, context in
            guard Self.isCitizen(context) else { return CitizenPageRenderer.login(returningTo: request.uri.path) }
            return try await requests.document(
                requestId: try Self.id(context), documentId: context.parameters.get("documentId") ?? "",
                context: context)
        }
        router.get("/panel/darkhast/:id/natije") { request, context in
            guard Self.isCitizen(context) else { return CitizenPageRenderer.login(returningTo: request.uri.path) }
            return try await requests.result(requestId: try Self.id(context), context: context)
        }
        router.get("/panel/darkhast/:id/rafe-naqs") { request, context in
            try await fixForm(request, context: context)
        }
        router.post("/panel/darkhast/:id/rafe-naqs") { request, context in
            try await submitFix(request, context: context)
        }
        router.get("/panel/darkhast/:id/enseraf") { request, context in
            try await withdrawForm(request, context: context)
        }
        router.post("/panel/darkhast/:id/enseraf") { request, context in
            try await withdraw(request, context: context)
        }
    }

    // MARK: - Pages

    func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let session = context.session, session.caller.kind == .citizen else {
            return WebResponse.redirect(to: "/vorood")
        }
        let csrf = renderer.csrf(request)
        var view = PanelListView(csrf: csrf, identifier: session.caller.nationalCode ?? "")
        async let complaints = client.call(
            Routes.Feedback.complaints, ComplaintListQuery(page: 1, pageSize: 20), timeout: RequestsClient.readTimeout,
            caller: context.caller, traceId: context.traceId)
        do {
            view.show(
                try await requests.call(
                    Routes.Requests.mine, RequestListQuery(page: WebQuery(request.uri.query).page, pageSize: 20),
                    context))
        } catch let error as BusError where error.code == .unavailable || error.code == .timeout {
            view.notice =
                "فهرست درخواست‌ها الان در دسترس نیست؛ چند دقیقه بعد دوباره سر بزنید. درخواست‌های شما از بین نرفته‌اند."
        }
        do {
            view.show(try await complaints)
        } catch let error as BusError where error.code == .unavailable || error.code == .timeout {
            view.complaintsNotice =
                "فهرست شکایت‌ها الان در دسترس نیست؛ چند دقیقه بعد دوباره سر بزنید. شکایت‌های شما از بین نرفته‌اند."
        }
        return try renderer.render(request, template: "panel", title: "پنل کاربری", csrf: csrf, content: view)
    }

    func detail(_ request: Request, context: GatewayRequestContext, notice: String? = nil) async throws -> Response {
        guard Self.isCitizen(context) else { return CitizenPageRenderer.login(returningTo: request.uri.path) }
        let detail = try await requests.call(
            Routes.Requests.detail, RequestReference(requestId: try Self.id(context)), context)
        var view = RequestStatusView(detail: detail, profile: try? await profile(detail.summary.serviceCode, context))
        view.notice = notice ?? Self.notices[WebQuery(request.uri.query)["payam"] ?? ""]
        return try renderer.render(
            request, template: "panel-request", title: "درخواست \(view.processNumber)", csrf: renderer.csrf(request),
            content: view)
    }

    /// What a redirect after an action says on the request's page.
    static let notices = [
        "rafe-naqs": "اصلاحات شما فرستاده شد و درخواست دوباره برای بررسی به کارتابل استان رفت.",
        "enseraf": "از این درخواست انصراف دادید.",
    ]

    func fixForm(
        _ request: Request, context: GatewayRequestContext, form: PostedForm? = nil,
        problems: [FieldError] = [], message: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard Self.isCitizen(context) else { return CitizenPageRenderer.login(returningTo: request.uri.path) }
        let detail = try await requests.call(
            Routes.Requests.detail, RequestReference(requestId: try Self.id(context)), context)
        guard detail.summary.status == .needsFix, let fix = detail.fixRequest else {
            return WebResponse.redirect(to: Self.base(detail.summary.requestId))
        }
        let profile = try await profile(detail.summary.serviceCode, context)
        var byField: [String: String] = [:]
        for problem in problems where byField[problem.field] == nil { byField[problem.field] = problem.message }
        var view = RequestFormView(
            csrf: renderer.csrf(request), serviceCode: profile.code, serviceTitle: detail.summary.serviceTitle)
        view.requestId = detail.summary.requestId
        view.processNumber = RequestFormat.identifier(detail.summary.processNumber)
        view.action = "\(Self.base(detail.summary.requestId))/rafe-naqs"
        view.fixMessage = fix.message
        view.idempotencyKey = form?["idempotencyKey"] ?? UUID().uuidString.lowercased()
        view.fields = profile.fields.filter { fix.fields.contains($0.code) }.map { attribute in
            let value =
                form.map {
                    attribute.datatype == .multivaluelist
                        ? $0.all(attribute.code).joined(separator: ",") : ($0[attribute.code] ?? "")
                } ?? detail.fields[attribute.code].map { attribute.datatype == .datetime ? Self.typed($0) : $0 }
            return RequestFieldView(attribute, value: value, problem: byField["fields.\(attribute.code)"])
        }
        view.documents = profile.documents.filter { fix.documents.contains($0.key) }.map {
            RequestDocumentInput($0, problem: byField["documents.\($0.key)"])
        }
        view.problems =
            view.fields.compactMap { field in
                field.problem.map { RequestProblem(message: $0, href: "#\(field.anchor)") }
            }
            + view.documents.compactMap { document in
                document.problem.map { RequestProblem(message: $0, href: "#\(document.id)") }
            }
        if view.problems.isEmpty, status != .ok {
            view.problems = [RequestProblem(message: message ?? "ارسال اصلاحات ممکن نشد.", href: "#step-form")]
        }
        return try renderer.render(
            request, template: "panel-fix", title: "رفع نقص درخواست \(view.processNumber)", csrf: view.csrf,
            content: view, status: status)
    }

    func submitFix(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard Self.isCitizen(context) else { return CitizenPageRenderer.login(returningTo: request.uri.path) }
        let form = try await renderer.checkedForm(request)
        let id = try Self.id(context)
        let detail = try await requests.call(Routes.Requests.detail, RequestReference(requestId: id), context)
        guard let fix = detail.fixRequest else { return WebResponse.redirect(to: Self.base(id)) }
        let profile = try await profile(detail.summary.serviceCode, context)
        var fields: [String: String] = [:]
        for attribute in profile.fields where fix.fields.contains(attribute.code) {
            fields[attribute.code] =
                attribute.datatype == .multivaluelist
                ? form.all(attribute.code).joined(separator: ",") : (form[attribute.code] ?? "")
        }
        let files = form.files.filter { fix.documents.contains($0.field) && !$0.data.isEmpty }
        let submission = FixSubmission(
            requestId: id, fields: fields,
            documents: files.enumerated().map {
                DocumentUpload(key: $0.element.field, fileName: $0.element.fileName, attachment: $0.offset)
            })
        do {
            _ = try await requests.submitFix(
                submission, files: files.map(\.data), idempotencyKey: form["idempotencyKey"], context: context)
            return WebResponse.redirect(to: "\(Self.base(id))?payam=rafe-naqs")
        } catch let error as BusError where error.code == .invalidInput || error.code == .conflict {
            return try await fixForm(
                request, context: context, form: form, problems: error.fields, message: error.message,
                status: HTTPErrorMapping.status(for: error.code))
        }
    }

    func withdrawForm(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard Self.isCitizen(context) else { return CitizenPageRenderer.login(returningTo: request.uri.path) }
        let detail = try await requests.call(
            Routes.Requests.detail, RequestReference(requestId: try Self.id(context)), context)
        var view = RequestFormView(
            csrf: renderer.csrf(request), serviceCode: detail.summary.serviceCode,
            serviceTitle: detail.summary.serviceTitle)
        view.requestId = detail.summary.requestId
        view.processNumber = RequestFormat.identifier(detail.summary.processNumber)
        view.action = "\(Self.base(detail.summary.requestId))/enseraf"
        view.idempotencyKey = UUID().uuidString.lowercased()
        return try renderer.render(
            request, template: "panel-withdraw", title: "انصراف از درخواست \(view.processNumber)", csrf: view.csrf,
            content: view)
    }

    func withdraw(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard Self.isCitizen(context) else { return CitizenPageRenderer.login(returningTo: request.uri.path) }
        let form = try await renderer.checkedForm(request)
        let id = try Self.id(context)
        _ = try await requests.call(
            Routes.Requests.withdraw, WithdrawalSubmission(requestId: id, reason: form["reason"]), context,
            idempotencyKey: form["idempotencyKey"])
        return WebResponse.redirect(to: "\(Self.base(id))?payam=enseraf")
    }

    // MARK: - Helpers

    static func isCitizen(_ context: GatewayRequestContext) -> Bool { context.session?.caller.kind == .citizen }

    static func id(_ context: GatewayRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, id.count <= 64 else {
            throw BusError(.notFound, message: "درخواست مورد نظر یافت نشد.")
        }
        return id
    }

    static func base(_ id: String) -> String { "/panel/darkhast/\(WebLinks.segment(id))" }

    /// A stored answer as a citizen would type it: Jalali dates with slashes.
    static func typed(_ value: String) -> String {
        value.replacingOccurrences(of: "-", with: "/")
    }

    func profile(_ code: String, _ context: GatewayRequestContext) async throws -> ServiceProfile {
        try await client.call(
            Routes.Catalog.profile, CatalogProfileRequest(code: code), timeout: RequestsClient.readTimeout,
            caller: context.caller, traceId: context.traceId)
    }
}
