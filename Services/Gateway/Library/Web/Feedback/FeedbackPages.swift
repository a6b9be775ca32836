import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema
import NIOCore

/// The citizen's feedback pages, reached from each service's box on the home page; every
/// form POSTs with the CSRF token in a hidden field and works without JavaScript:
///
/// - `/nazarsanji`: the survey of a request (process number and tracking code, or, logged in,
///   one of one's own requests); a second survey shows the conflict and offers to replace the
///   answers within the editing window;
/// - `/shekayat`: a complaint about a request, with an optional attachment (multipart form);
/// - `/shekayat/peygiri`: a complaint followed by its tracking number (POSTed, so the number
///   never sits in an address or a log);
/// - `/payam`: a message (suggestion, criticism, question, appreciation) from anyone, with an
///   arithmetic question once the sender's address is over the rate.
package struct FeedbackPages: Sendable {
    let client: BusClient
    let site: WebSite?
    static let timeout: Duration = .seconds(8)
    /// The ids of the inputs the error summary links to, by the service's field names.
    static let anchors: [String: String] = [
        "processNumber": "feedback-process-number", "trackingCode": "feedback-tracking-code",
        "answers.satisfaction": "survey-satisfaction-1", "satisfaction": "survey-satisfaction-1",
        "onTime": "survey-on-time-yes", "explanationClear": "survey-clear-yes", "answers.comment": "survey-comment",
        "text": "feedback-text", "attachment": "complaint-attachment", "kind": "message-kind",
        "contactMobile": "message-mobile", "province": "message-province", "serviceCode": "feedback-text",
        "challengeAnswer": "message-challenge", "trackingNumber": "track-number",
    ]

    package init(client: BusClient, site: WebSite?) {
        self.client = client
        self.site = site
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/nazarsanji") { request, context in
            var view = try await formView(request, context: context)
            view.setSurveyChoices(from: [:])
            return try page(request, "feedback-survey", title: "نظرسنجی", view: view)
        }
        router.post("/nazarsanji") { request, context in try await submitSurvey(request, context: context) }
        router.get("/shekayat") { request, context in
            let view = try await formView(request, context: context)
            return try page(request, "feedback-complaint", title: "ثبت شکایت", view: view)
        }
        router.post("/shekayat") { request, context in try await submitComplaint(request, context: context) }
        router.get("/shekayat/peygiri") { request, context in
            try page(
                request, "feedback-track", title: "پیگیری شکایت", view: try await formView(request, context: context))
        }
        router.post("/shekayat/peygiri") { request, context in try await track(request, context: context) }
        router.get("/payam") { request, context in
            var view = try await formView(request, context: context)
            setMessageChoices(&view)
            return try page(request, "feedback-message", title: "ارسال پیام", view: view)
        }
        router.post("/payam") { request, context in try await submitMessage(request, context: context) }
    }

    // MARK: - Survey

    func submitSurvey(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await Self.checkedForm(request)
        var view = try await formView(request, context: context, form: form)
        var values = view.values
        for key in ["satisfaction", "onTime", "explanationClear", "comment"] { values[key] = form[key] ?? "" }
        view.values = values
        view.setSurveyChoices(from: values)
        var problems: [FieldError] = []
        if form["processNumber"] == nil {
            problems.append(FieldError(field: "processNumber", message: "شماره فرآیند را وارد کنید."))
        }
        if form["trackingCode"] == nil, context.session?.caller.kind != .citizen {
            problems.append(FieldError(field: "trackingCode", message: "کد رهگیری را وارد کنید."))
        }
        let satisfaction = form["satisfaction"].flatMap(PersianDigits.parseInteger)
        if satisfaction == nil {
            problems.append(FieldError(field: "satisfaction", message: "میزان رضایت خود را از ۱ تا ۵ انتخاب کنید."))
        }
        if form["onTime"] == nil {
            problems.append(FieldError(field: "onTime", message: "بگویید درخواست به‌موقع رسیدگی شد یا نه."))
        }
        if form["explanationClear"] == nil {
            problems.append(FieldError(field: "explanationClear", message: "بگویید توضیح کارشناس روشن بود یا نه."))
        }
        let body = SurveySubmitRequest(
            processNumber: form["processNumber"] ?? "", trackingCode: form["trackingCode"],
            answers: SurveyAnswers(
                satisfaction: satisfaction ?? 0, onTime: form["onTime"] == "yes",
                explanationClear: form["explanationClear"] == "yes", comment: form["comment"]))
        do {
            guard problems.isEmpty else { throw BusError.invalidInput(problems) }
            let isEdit = form["mode"] == "edit"
            let survey = try await call(
                isEdit ? Routes.Feedback.surveyEdit : Routes.Feedback.surveySubmit, body, context)
            let title = isEdit ? "پاسخ‌های نظرسنجی به‌روز شد" : "نظر شما ثبت شد"
            view.done = .init(
                title: title,
                numberLabel: "شماره فرآیند", number: PersianDigits.display(survey.processNumber),
                lines: [
                    "از اینکه نظرتان را گفتید سپاسگزاریم.",
                    "تا \(FeedbackPageView.date(survey.editableUntil)) می‌توانید پاسخ‌ها را ویرایش کنید.",
                ], trackLink: false)
            return try page(request, "feedback-done", title: title, view: view)
        } catch let error as BusError where error.code != .internal && error.code != .unavailable {
            view.show(error, anchors: Self.anchors, fallback: "feedback-process-number")
            view.canEdit = error.code == .conflict
            return try page(request, "feedback-survey", title: "نظرسنجی", view: view, status: Self.status(of: error))
        }
    }

    // MARK: - Complaint

    func submitComplaint(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let upload: MultipartForm
        do {
            upload = try await Self.checkedUpload(request)
        } catch let error as BusError where error.code == .invalidInput {
            var view = try await formView(request, context: context)
            view.show(error, anchors: Self.anchors, fallback: "complaint-attachment")
            return try page(request, "feedback-complaint", title: "ثبت شکایت", view: view, status: .badRequest)
        }
        var view = try await formView(request, context: context)
        if let key = upload["idempotencyKey"] { view.idempotencyKey = key }
        view.values["processNumber"] = upload["processNumber"] ?? ""
        view.values["text"] = upload["text"] ?? ""
        let body = ComplaintSubmitRequest(
            processNumber: upload["processNumber"] ?? "", trackingCode: upload["trackingCode"],
            text: upload["text"] ?? "")
        do {
            let complaint = try await client.call(
                Routes.Feedback.complaintSubmit, body, timeout: Self.timeout, caller: context.caller,
                idempotencyKey: upload["idempotencyKey"], traceId: context.traceId,
                attachments: upload.file("attachment").map { [$0.data] } ?? [])
            view.done = .init(
                title: "شکایت شما ثبت شد", numberLabel: "شماره پیگیری شکایت", number: complaint.trackingNumber,
                lines: [
                    "این شماره را نگه دارید؛ با آن می‌توانید وضعیت و پاسخ شکایت را ببینید.",
                    "پاسخ تا \(FeedbackPageView.date(complaint.dueAt)) داده می‌شود و با پیامک به شما خبر می‌دهیم.",
                ], trackLink: true)
            return try page(request, "feedback-done", title: "شکایت شما ثبت شد", view: view)
        } catch let error as BusError where error.code != .internal && error.code != .unavailable {
            view.show(error, anchors: Self.anchors, fallback: "feedback-process-number")
            return try page(
                request, "feedback-complaint", title: "ثبت شکایت", view: view, status: Self.status(of: error))
        }
    }

    func track(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await Self.checkedForm(request)
        var view = try await formView(request, context: context, form: form)
        do {
            let complaint = try await call(
                Routes.Feedback.complaint, ComplaintQuery(trackingNumber: form["trackingNumber"] ?? ""), context)
            view.complaint = .init(complaint)
            return try page(request, "feedback-track", title: "پیگیری شکایت", view: view)
        } catch let error as BusError where error.code != .internal && error.code != .unavailable {
            var error = error
            if error.fields.isEmpty {
                error.fields = [FieldError(field: "trackingNumber", message: error.message)]
            }
            view.show(error, anchors: Self.anchors, fallback: "track-number")
            return try page(
                request, "feedback-track", title: "پیگیری شکایت", view: view, status: Self.status(of: error))
        }
    }

    // MARK: - Message

    func submitMessage(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await Self.checkedForm(request)
        var view = try await formView(request, context: context, form: form)
        for key in ["kind", "province", "contactMobile", "text"] { view.values[key] = form[key] ?? "" }
        setMessageChoices(&view)
        do {
            guard let kind = form["kind"].flatMap(MessageKind.init(rawValue:)) else {
                throw BusError.invalidInput([FieldError(field: "kind", message: "نوع پیام را انتخاب کنید.")])
            }
            let body = MessageSubmitRequest(
                kind: kind, serviceCode: form["serviceCode"], province: form["province"],
                contactMobile: form["contactMobile"], text: form["text"] ?? "", challengeToken: form["challengeToken"],
                challengeAnswer: form["challengeAnswer"])
            let message = try await call(Routes.Feedback.messageSubmit, body, context, key: form["idempotencyKey"])
            view.done = .init(
                title: "پیام شما رسید", numberLabel: "شماره پیام", number: message.messageNumber,
                lines: [
                    "پیام شما به کارشناسان \(message.province.flatMap { Province(slug: $0)?.persianName }.map { "استان \($0)" } ?? "سازمان") رسید. سپاسگزاریم."
                ],
                trackLink: false)
            return try page(request, "feedback-done", title: "پیام شما رسید", view: view)
        } catch let error as BusError where error.code != .internal && error.code != .unavailable {
            view.show(error, anchors: Self.anchors, fallback: "feedback-text")
            if error.code == .tooManyRequests {
                let challenge = try await call(Routes.Feedback.messageChallenge, MessageChallengeRequest(), context)
                view.challenge = .init(question: PersianDigits.display(challenge.question), token: challenge.token)
            }
            return try page(
                request, "feedback-message", title: "ارسال پیام", view: view, status: Self.status(of: error))
        }
    }

    func setMessageChoices(_ view: inout FeedbackPageView) {
        let values = view.values
        view.kinds = MessageKind.allCases.map {
            .init(
                value: $0.rawValue, label: $0.persianName, isChecked: values["kind"] == $0.rawValue,
                id: "message-kind-\($0.rawValue)")
        }
        view.provinces = Province.allCases.map {
            .init(value: $0.slug, label: $0.persianName, isChecked: values["province"] == $0.slug, id: $0.slug)
        }.sorted { PersianCollation.precedes($0.label, $1.label) }
    }

    // MARK: - Helpers

    /// The view of a form page: the CSRF token, the service from the address (or the form),
    /// and, for a logged-in citizen, their requests to choose from.
    func formView(_ request: Request, context: GatewayRequestContext, form: WebForm? = nil) async throws
        -> FeedbackPageView
    {
        var view = FeedbackPageView(
            csrf: request.cookies[SessionCookie.csrfName]?.value ?? SessionCookie.newCSRFToken())
        let query = WebQuery(request.uri.query)
        view.serviceCode = form?["serviceCode"] ?? query["khedmat"]
        if let key = form?["idempotencyKey"] { view.idempotencyKey = key }
        if let code = view.serviceCode { view.serviceTitle = await serviceTitle(code, context: context) }
        view.values["processNumber"] = form?["processNumber"] ?? query["shomare"] ?? ""
        if context.session?.caller.kind == .citizen {
            view.isCitizen = true
            let mine = try? await call(Routes.Requests.mine, RequestListQuery(page: 1, pageSize: 50), context)
            let chosen = view.values["processNumber"]
            view.myRequests = (mine?.items ?? []).map {
                .init(
                    value: $0.processNumber,
                    label: "\(PersianDigits.display($0.processNumber)) — \($0.serviceTitle)",
                    isChecked: $0.processNumber == chosen, id: "mine-\($0.processNumber)")
            }
            if !view.myRequests.isEmpty {
                view.hasMyRequests = true
                view.myRequests[0].id = "feedback-process-number"
            }
        }
        return view
    }

    /// The title of a service from the catalog; nil when it has no such service or does not
    /// answer (the form works without it).
    func serviceTitle(_ code: String, context: GatewayRequestContext) async -> String? {
        let profile = try? await client.call(
            Routes.Catalog.profile, CatalogProfileRequest(code: code), timeout: WebRoutes.catalogTimeout,
            caller: context.caller, traceId: context.traceId)
        return profile.map { WebFormat.text($0.title) }
    }

    /// The posted urlencoded form, after its CSRF field was checked against the cookie.
    static func checkedForm(_ request: Request) async throws -> WebForm {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = WebForm(String(buffer: body))
        try checkCSRF(request, sent: form.raw(SessionCookie.csrfField))
        return form
    }

    /// The posted multipart form (with files), after its CSRF field was checked.
    static func checkedUpload(_ request: Request) async throws -> MultipartForm {
        guard MultipartForm.isMultipart(request) else {
            let form = try await checkedForm(request)
            var fields: [String: String] = [:]
            for key in ["processNumber", "trackingCode", "text", "idempotencyKey"] { fields[key] = form[key] }
            return MultipartForm(fields: fields)
        }
        let upload = try await FeedbackAPIRoutes.readUpload(request)
        try checkCSRF(request, sent: upload[SessionCookie.csrfField])
        return upload
    }

    static func checkCSRF(_ request: Request, sent: String?) throws {
        guard let cookie = request.cookies[SessionCookie.csrfName]?.value, let sent, SessionCookie.same(cookie, sent)
        else {
            throw BusError(
                .forbidden,
                message: "مهلت این فرم به پایان رسیده یا فرم از جای دیگری فرستاده شده است؛ صفحه را دوباره باز کنید.")
        }
    }

    func page(
        _ request: Request, _ template: String, title: String, view: FeedbackPageView,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try Self.render(site: site, request, template, title: title, view: view, status: status)
    }

    /// A page of `template` with `view`, never stored by caches, setting the CSRF cookie when
    /// the view's token is new.
    static func render(
        site: WebSite?, _ request: Request, _ template: String, title: String, view: FeedbackPageView,
        status: HTTPResponse.Status
    ) throws -> Response {
        guard let site else { throw BusError(.internal, message: "web resources unavailable") }
        return try site.privatePage(
            request, template: template, title: title, content: view, csrf: view.csrf, status: status)
    }

    func call<Body: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Body, Reply>, _ body: Body, _ context: GatewayRequestContext, key: String? = nil
    ) async throws -> Reply {
        try await client.call(
            route, body, timeout: Self.timeout, caller: context.caller, idempotencyKey: key, traceId: context.traceId)
    }

    static func status(of error: BusError) -> HTTPResponse.Status {
        HTTPErrorMapping.status(for: error.code)
    }
}
