import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The request form of a service, in steps, one thing per page, working fully without
/// JavaScript (uploads included):
///
/// 1. `GET /khadamat/{code}/darkhast`: the applicant's details (login first; the session's
///    national code filled in read-only, and the mobile the login code went to prefilled),
///    checked with the civil registry and Shahkar when posted;
/// 2. the province, among those that offer the service;
/// 3. the profile's questions (skipped when it has none);
/// 4. check your answers, with the documents to upload (each its own file input), posted as
///    multipart to `POST /khadamat/{code}/darkhast/sabt`, which submits and shows the
///    process number and tracking code.
///
/// Every step posts to `POST /khadamat/{code}/darkhast` with the answers so far in the hidden
/// `draft` field (`RequestDraft`); a `goto` button goes back to an earlier step.
package struct RequestFormPages: Sendable {
    let client: BusClient
    let requests: RequestsClient
    let renderer: CitizenPageRenderer

    /// The steps, as the `step` and `goto` fields name them.
    enum Step: String {
        case applicant, province, fields, review
    }

    package init(client: BusClient, site: WebSite?) {
        self.client = client
        requests = RequestsClient(client: client)
        renderer = CitizenPageRenderer(site: site)
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/khadamat/:code/darkhast") { request, context in try await start(request, context: context) }
        router.post("/khadamat/:code/darkhast") { request, context in try await step(request, context: context) }
        router.post("/khadamat/:code/darkhast/sabt") { request, context in
            try await submit(request, context: context)
        }
    }

    // MARK: - Routes

    /// The first step, with the session's national code and the province of the link.
    func start(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let profile = try await profile(context)
        guard let session = context.session, session.caller.kind == .citizen else {
            let query = request.uri.query.map { "?\($0)" } ?? ""
            return CitizenPageRenderer.login(returningTo: Self.path(profile.code) + query)
        }
        var draft = RequestDraft()
        draft.applicant["nationalCode"] = session.caller.nationalCode.map(PersianDigits.display)
        draft.applicant["mobile"] = session.mobile.map(PersianDigits.display)
        if let slug = WebQuery(request.uri.query)["ostan"], profile.provinces.includes(slug) {
            draft.province = slug
        }
        return try page(.applicant, draft: draft, profile: profile, request: request)
    }

    /// A posted step: keep its answers, check them, and show the next step (or this one again
    /// with its problems).
    func step(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let profile = try await profile(context)
        guard context.session?.caller.kind == .citizen else {
            return CitizenPageRenderer.login(returningTo: Self.path(profile.code))
        }
        let form = try await renderer.checkedForm(request)
        var draft = RequestDraft(encoded: form.raw("draft"))
        guard let posted = Step(rawValue: form["step"] ?? "") else {
            return try page(.applicant, draft: draft, profile: profile, request: request)
        }
        keep(form, step: posted, profile: profile, into: &draft)
        Self.lockNationalCode(of: &draft, context)
        if let target = form["goto"].flatMap(Step.init(rawValue:)) {
            return try page(target, draft: draft, profile: profile, request: request)
        }
        switch posted {
        case .applicant:
            let applicant = Self.applicant(of: draft)
            do {
                _ = try await client.call(
                    Routes.Identity.verifyApplicant, applicant, timeout: RequestsClient.timeout,
                    caller: context.caller, traceId: context.traceId)
            } catch let error as BusError where error.code == .invalidInput || error.code == .notFound {
                return try page(
                    .applicant, draft: draft, profile: profile, request: request,
                    problems: error.fields.map { (field: "applicant.\($0.field)", message: $0.message) },
                    message: error.message, status: .badRequest)
            }
            return try page(.province, draft: draft, profile: profile, request: request)
        case .province:
            guard let slug = draft.province, profile.provinces.includes(slug), Province(slug: slug) != nil else {
                return try page(
                    .province, draft: draft, profile: profile, request: request,
                    problems: [(field: "province", message: "استانی را که درخواست به آن فرستاده شود انتخاب کنید.")],
                    status: .badRequest)
            }
            return try page(
                profile.fields.isEmpty ? .review : .fields, draft: draft, profile: profile, request: request)
        case .fields:
            let missing = profile.fields.filter { $0.required && (draft.fields[$0.code] ?? "").isEmpty }
            guard missing.isEmpty else {
                return try page(
                    .fields, draft: draft, profile: profile, request: request,
                    problems: missing.map {
                        (
                            field: "fields.\($0.code)",
                            message: $0.datatype.isList
                                ? "برای «\($0.description)» گزینه‌ای انتخاب کنید." : "«\($0.description)» را وارد کنید."
                        )
                    }, status: .badRequest)
            }
            return try page(.review, draft: draft, profile: profile, request: request)
        case .review:
            return try page(.review, draft: draft, profile: profile, request: request)
        }
    }

    /// The last step posted with its files: submits the request and shows its numbers, or
    /// the step each problem belongs to.
    func submit(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let profile = try await profile(context)
        guard context.session?.caller.kind == .citizen else {
            return CitizenPageRenderer.login(returningTo: Self.path(profile.code))
        }
        let form = try await renderer.checkedForm(request)
        var draft = RequestDraft(encoded: form.raw("draft"))
        Self.lockNationalCode(of: &draft, context)
        let keys = Set(profile.documents.map(\.key))
        let files = form.files.filter { keys.contains($0.field) && !$0.data.isEmpty }
        let submission = RequestSubmission(
            serviceCode: profile.code, province: draft.province ?? "", applicant: Self.applicant(of: draft),
            fields: draft.fields,
            documents: files.enumerated().map {
                DocumentUpload(key: $0.element.field, fileName: $0.element.fileName, attachment: $0.offset)
            })
        do {
            let receipt = try await requests.submit(
                submission, files: files.map(\.data), idempotencyKey: form["idempotencyKey"], context: context)
            return try renderer.render(
                request, template: "request-confirmation", title: "درخواست ثبت شد", csrf: renderer.csrf(request),
                content: RequestReceiptView(receipt: receipt, serviceTitle: profile.title))
        } catch let error as BusError where error.code == .invalidInput || error.code == .forbidden {
            let problems = error.fields.map { (field: $0.field, message: $0.message) }
            let target: Step =
                if error.code == .forbidden || problems.contains(where: { $0.field.hasPrefix("applicant") }) {
                    .applicant
                } else if problems.contains(where: { $0.field == "province" }) {
                    .province
                } else if problems.contains(where: { $0.field.hasPrefix("fields.") }) {
                    .fields
                } else {
                    .review
                }
            return try page(
                target, draft: draft, profile: profile, request: request, problems: problems,
                message: error.message, status: HTTPErrorMapping.status(for: error.code))
        }
    }

    // MARK: - Steps

    /// Keeps the answers a posted step carries in the draft.
    func keep(_ form: PostedForm, step: Step, profile: ServiceProfile, into draft: inout RequestDraft) {
        switch step {
        case .applicant:
            for key in RequestDraft.applicantKeys { draft.applicant[key] = form[key] }
        case .province:
            draft.province = form["province"]
        case .fields:
            for attribute in profile.fields {
                draft.fields[attribute.code] =
                    attribute.datatype == .multivaluelist
                    ? form.all(attribute.code).joined(separator: ",") : (form[attribute.code] ?? "")
            }
        case .review:
            break
        }
    }

    /// Renders a step with the draft, and the problems (by the service's field names).
    func page(
        _ step: Step, draft: RequestDraft, profile: ServiceProfile, request: Request,
        problems: [(field: String, message: String)] = [], message: String? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var view = RequestFormView(
            csrf: renderer.csrf(request), serviceCode: profile.code, serviceTitle: profile.title)
        view.draft = draft.encoded
        view.action = Self.path(profile.code)
        let steps: [Step] =
            profile.fields.isEmpty ? [.applicant, .province, .review] : [.applicant, .province, .fields, .review]
        let number = (steps.firstIndex(of: step) ?? 0) + 1
        view.stepText = "مرحله \(PersianDigits.display(number)) از \(PersianDigits.display(steps.count))"
        var byField: [String: String] = [:]
        for problem in problems where byField[problem.field] == nil { byField[problem.field] = problem.message }
        let title: String
        switch step {
        case .applicant:
            var applicantProblems: [String: String] = [:]
            for (field, text) in byField where field.hasPrefix("applicant.") {
                applicantProblems[String(field.dropFirst("applicant.".count))] = text
            }
            view.applicant = ApplicantDetailsView(form: draft.applicantForm, problems: applicantProblems)
            view.applicant?.isNationalCodeLocked = true
            view.problems = applicantProblems.sorted { $0.key < $1.key }.map {
                RequestProblem(message: $0.value, href: "#\(Self.applicantAnchor[$0.key] ?? "applicant-national-code")")
            }
            title = "مشخصات متقاضی"
        case .province:
            let offered = Province.allCases.filter { profile.provinces.includes($0.slug) }
            view.provinces = offered.enumerated().map { index, province in
                .init(
                    id: "province-\(index + 1)", slug: province.slug, name: province.persianName,
                    checked: province.slug == draft.province)
            }
            view.provinceProblem = byField["province"]
            view.problems = byField["province"].map { [RequestProblem(message: $0, href: "#province-1")] } ?? []
            title = "استان"
        case .fields:
            view.fields = profile.fields.sorted { $0.order < $1.order }.map {
                RequestFieldView($0, value: draft.fields[$0.code], problem: byField["fields.\($0.code)"])
            }
            view.problems = view.fields.compactMap { field in
                field.problem.map { RequestProblem(message: $0, href: "#\(field.anchor)") }
            }
            title = "اطلاعات درخواست"
        case .review:
            view.answers = Self.answers(draft, profile: profile)
            view.documents = profile.documents.map {
                RequestDocumentInput($0, problem: byField["documents.\($0.key)"])
            }
            view.problems = view.documents.compactMap { document in
                document.problem.map { RequestProblem(message: $0, href: "#\(document.id)") }
            }
            view.idempotencyKey = UUID().uuidString.lowercased()
            title = "بررسی پاسخ‌ها و بارگذاری مدارک"
        }
        let named = Set(view.problems.map(\.message))
        for problem in problems where !named.contains(problem.message) && !problem.field.hasPrefix("applicant.") {
            view.problems.append(RequestProblem(message: problem.message, href: "#step-form"))
        }
        if view.problems.isEmpty, let message, status != .ok {
            view.problems = [RequestProblem(message: message, href: "#step-form")]
        }
        return try renderer.render(
            request, template: "request-\(step.rawValue)", title: "\(title): \(profile.title)", csrf: view.csrf,
            content: view, status: status)
    }

    /// Puts the session's national code in the draft, whatever the form sent: a logged-in
    /// citizen applies in their own name (the requests service refuses any other code too).
    static func lockNationalCode(of draft: inout RequestDraft, _ context: GatewayRequestContext) {
        guard let code = context.session?.caller.nationalCode else { return }
        draft.applicant["nationalCode"] = PersianDigits.display(code)
    }

    /// The answers so far, for check your answers.
    static func answers(_ draft: RequestDraft, profile: ServiceProfile) -> [RequestFormView.Answer] {
        let form = draft.applicantForm
        let name = "\(form["firstName"] ?? "") \(form["lastName"] ?? "")"
        var answers: [RequestFormView.Answer] = [
            .init(label: "نام و نام خانوادگی", value: name, isIdentifier: false, step: "applicant"),
            .init(
                label: "کد ملی", value: PersianDigits.display(form["nationalCode"] ?? ""), isIdentifier: true,
                step: "applicant"),
            .init(
                label: "تاریخ تولد", value: PersianDigits.display(ApplicantDetailsView.birthDate(of: form)),
                isIdentifier: true, step: "applicant"),
            .init(
                label: "شماره همراه", value: PersianDigits.display(form["mobile"] ?? ""), isIdentifier: true,
                step: "applicant"),
            .init(
                label: "استان", value: draft.province.flatMap { Province(slug: $0)?.persianName } ?? "—",
                isIdentifier: false, step: "province"),
        ]
        for attribute in profile.fields.sorted(by: { $0.order < $1.order }) {
            answers.append(
                .init(
                    label: attribute.description,
                    value: RequestFieldView.display(attribute, value: draft.fields[attribute.code]),
                    isIdentifier: false, step: "fields"))
        }
        return answers
    }

    /// The ids of the applicant partial's inputs, for the error summary.
    static let applicantAnchor = [
        "nationalCode": "applicant-national-code", "firstName": "applicant-first-name",
        "lastName": "applicant-last-name", "mobile": "applicant-mobile", "birthDate": "birth-day",
    ]

    /// The applicant as the draft says.
    static func applicant(of draft: RequestDraft) -> IdentityVerifyRequest {
        let form = draft.applicantForm
        return IdentityVerifyRequest(
            nationalCode: form["nationalCode"] ?? "", birthDate: ApplicantDetailsView.birthDate(of: form),
            firstName: form["firstName"] ?? "", lastName: form["lastName"] ?? "", mobile: form["mobile"] ?? "")
    }

    /// The service's profile; an unknown or inactive service is the not-found page.
    func profile(_ context: GatewayRequestContext) async throws -> ServiceProfile {
        let code = context.parameters.get("code") ?? ""
        let profile = try await client.call(
            Routes.Catalog.profile, CatalogProfileRequest(code: code), timeout: RequestsClient.readTimeout,
            caller: context.caller, traceId: context.traceId)
        guard profile.active else { throw BusError(.notFound, message: APIMessages.unknownService) }
        return profile
    }

    /// The form's address.
    static func path(_ code: String) -> String { "/khadamat/\(WebLinks.segment(code))/darkhast" }
}
