import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The staff's feedback pages in the inbox (کارتابل); the feedback service decides what each
/// official may see (their provinces; administrators all, escalated ones marked):
///
/// - `/kartabl/shekayat`: complaints, filtered by status; `/kartabl/shekayat/{number}`: one
///   complaint with the review, answer and close forms, and its attachment;
/// - `/kartabl/payamha`: messages, each with a close form;
/// - `/kartabl/amar`: survey and complaint figures per service and province, a bar chart per
///   service and the numbers in a table.
package struct FeedbackStaffPages: Sendable {
    let client: BusClient
    let site: WebSite?

    package init(client: BusClient, site: WebSite?) {
        self.client = client
        self.site = site
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/kartabl/shekayat") { request, context in try await complaints(request, context: context) }
        router.get("/kartabl/shekayat/{number}") { request, context in
            try await complaint(request, context: context, view: nil)
        }
        router.get("/kartabl/shekayat/{number}/peyvast") { request, context in
            guard context.session?.caller.kind == .staff else { return WebResponse.redirect(to: "/vorood/karkonan") }
            let (reply, files) = try await client.callWithAttachments(
                Routes.Feedback.complaintAttachment, query(context), timeout: FeedbackPages.timeout,
                caller: context.caller, traceId: context.traceId)
            guard let file = files.first else { throw BusError(.notFound, message: "این شکایت پیوستی ندارد.") }
            return FeedbackAPIRoutes.file(file, type: reply.fileType)
        }
        router.post("/kartabl/shekayat/{number}/barresi") { request, context in
            try await act(request, context: context) { form in
                _ = try await call(Routes.Feedback.complaintReview, query(context), context)
                return "شکایت به «در حال بررسی» رفت."
            }
        }
        router.post("/kartabl/shekayat/{number}/pasokh") { request, context in
            try await act(request, context: context) { form in
                let answer = ComplaintAnswerRequest(
                    trackingNumber: context.parameters.get("number") ?? "", answer: form["answer"] ?? "")
                _ = try await call(Routes.Feedback.complaintAnswer, answer, context)
                return "پاسخ ثبت شد و با پیامک به شاکی خبر داده می‌شود."
            }
        }
        router.post("/kartabl/shekayat/{number}/bastan") { request, context in
            try await act(request, context: context) { _ in
                _ = try await call(Routes.Feedback.complaintClose, query(context), context)
                return "شکایت بسته شد."
            }
        }
        router.get("/kartabl/payamha") { request, context in try await messages(request, context: context, notice: nil)
        }
        router.post("/kartabl/payamha/{number}/bastan") { request, context in
            guard context.session?.caller.kind == .staff else { return WebResponse.redirect(to: "/vorood/karkonan") }
            _ = try await FeedbackPages.checkedForm(request)
            _ = try await call(
                Routes.Feedback.messageClose, MessageQuery(messageNumber: context.parameters.get("number") ?? ""),
                context)
            return WebResponse.redirect(to: "/kartabl/payamha")
        }
        router.get("/kartabl/amar") { request, context in try await statistics(request, context: context) }
    }

    // MARK: - Complaints

    func complaints(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let caller = staff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let parameters = WebQuery(request.uri.query)
        var view = newView(request)
        view.isAdministrator = caller.role == .administrator
        let status = parameters["vaziat"].flatMap(ComplaintStatus.init(rawValue:))
        let list = try await call(
            Routes.Feedback.complaints,
            ComplaintListQuery(
                status: status, escalatedOnly: parameters["erja"] == "1", page: parameters.page, pageSize: 50),
            context)
        view.complaints = list.items.map(FeedbackPageView.ComplaintView.init)
        if parameters["erja"] == "1" { view.values["erja"] = "1" }
        view.paginate(
            path: "/kartabl/shekayat", query: ["vaziat": status?.rawValue ?? "", "erja": parameters["erja"] ?? ""],
            total: list.total, page: list.page, pageSize: list.pageSize, noun: "شکایت")
        view.statusFilter = ComplaintStatus.allCases.map {
            .init(value: $0.rawValue, label: $0.persianName, isChecked: $0 == status, id: "status-\($0.rawValue)")
        }
        return try page(request, "feedback-staff-complaints", title: "شکایت‌ها", view: view)
    }

    func complaint(
        _ request: Request, context: GatewayRequestContext, view: FeedbackPageView?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard staff(context) != nil else { return WebResponse.redirect(to: "/vorood/karkonan") }
        var view = view ?? newView(request)
        let complaint = try await call(Routes.Feedback.complaint, query(context), context)
        view.complaint = .init(complaint)
        view.serviceTitle = await FeedbackPages(client: client, site: site).serviceTitle(
            complaint.serviceCode, context: context)
        return try page(request, "feedback-staff-complaint", title: "شکایت", view: view, status: status)
    }

    /// Runs a staff action on a complaint from its form, then shows the complaint with the
    /// outcome (or the service's refusal, linked to the answer field).
    func act(
        _ request: Request, context: GatewayRequestContext,
        _ action: @Sendable (WebForm) async throws -> String
    ) async throws -> Response {
        guard staff(context) != nil else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let form = try await FeedbackPages.checkedForm(request)
        var view = newView(request)
        var status = HTTPResponse.Status.ok
        do {
            view.message = try await action(form)
        } catch let error as BusError where error.code == .invalidInput || error.code == .conflict {
            view.values["answer"] = form["answer"] ?? ""
            view.show(error, anchors: ["answer": "complaint-answer"], fallback: "complaint-answer")
            status = HTTPErrorMapping.status(for: error.code)
        }
        return try await complaint(request, context: context, view: view, status: status)
    }

    // MARK: - Messages

    func messages(_ request: Request, context: GatewayRequestContext, notice: String?) async throws -> Response {
        guard staff(context) != nil else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let parameters = WebQuery(request.uri.query)
        var view = newView(request)
        let status = parameters["vaziat"].flatMap(MessageStatus.init(rawValue:))
        let list = try await call(
            Routes.Feedback.messages, MessageListQuery(status: status, page: parameters.page, pageSize: 50), context)
        view.messages = list.items.map(FeedbackPageView.MessageView.init)
        view.paginate(
            path: "/kartabl/payamha", query: ["vaziat": status?.rawValue ?? ""], total: list.total, page: list.page,
            pageSize: list.pageSize, noun: "پیام")
        return try page(request, "feedback-staff-messages", title: "پیام‌ها", view: view)
    }

    // MARK: - Statistics

    func statistics(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard let caller = staff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let parameters = WebQuery(request.uri.query)
        var view = newView(request)
        view.isAdministrator = caller.role == .administrator
        let province = parameters["ostan"]
        let statistics = try await call(
            Routes.Feedback.statistics,
            FeedbackStatisticsQuery(serviceCode: parameters["khedmat"], province: province), context)
        view.charts = StatisticsChart.charts(of: statistics)
        let pages = FeedbackPages(client: client, site: site)
        for index in view.charts.indices {
            if let title = await pages.serviceTitle(view.charts[index].serviceCode, context: context) {
                view.charts[index].serviceTitle = title
            }
        }
        let allowed = caller.role == .administrator ? Province.allCases.map(\.slug) : (caller.provinces ?? [])
        view.provinces = allowed.compactMap(Province.init(slug:)).map {
            .init(value: $0.slug, label: $0.persianName, isChecked: $0.slug == province, id: $0.slug)
        }
        view.values["khedmat"] = parameters["khedmat"] ?? ""
        view.message = "محاسبه در \(FeedbackPageView.date(statistics.computedAt))"
        return try page(request, "feedback-statistics", title: "آمار نظرسنجی و شکایت", view: view)
    }

    // MARK: - Helpers

    func staff(_ context: GatewayRequestContext) -> Caller? {
        guard let caller = context.session?.caller, caller.kind == .staff else { return nil }
        return caller
    }

    func query(_ context: GatewayRequestContext) -> ComplaintQuery {
        ComplaintQuery(trackingNumber: context.parameters.get("number") ?? "")
    }

    func newView(_ request: Request) -> FeedbackPageView {
        FeedbackPageView(csrf: request.cookies[SessionCookie.csrfName]?.value ?? SessionCookie.newCSRFToken())
    }

    func page(
        _ request: Request, _ template: String, title: String, view: FeedbackPageView,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try FeedbackPages.render(site: site, request, template, title: title, view: view, status: status)
    }

    func call<Body: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Body, Reply>, _ body: Body, _ context: GatewayRequestContext
    ) async throws -> Reply {
        try await client.call(
            route, body, timeout: FeedbackPages.timeout, caller: context.caller, traceId: context.traceId)
    }
}
