import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizSchema

/// The official holidays (تعطیلات رسمی) that due dates skip, as pages:
///
/// - `GET /kartabl/tatilat`: the list, for every staff member;
/// - `POST /kartabl/tatilat`: add or rename a day (administrators);
/// - `POST /kartabl/tatilat/hazf`: remove a day (administrators).
///
/// Who may change the list is the requests service's decision; a refusal or a bad date shows
/// the page again with an error summary at the top.
package struct HolidayPages: Sendable {
    let inbox: InboxPages

    package init(client: BusClient, site: WebSite?) {
        inbox = InboxPages(client: client, site: site)
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/kartabl/tatilat") { request, context in
            guard InboxPages.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
            var view = makeView(request, context)
            if let done = WebQuery(request.uri.query)["payam"] {
                view.notice = done == "hazf" ? "روز از فهرست تعطیلات برداشته شد." : "فهرست تعطیلات به‌روز شد."
            }
            return try await page(request, context, view: view)
        }
        router.post("/kartabl/tatilat") { request, context in
            try await change(request, context: context, route: Routes.Requests.addHoliday, done: "afzoodan")
        }
        router.post("/kartabl/tatilat/hazf") { request, context in
            try await change(request, context: context, route: Routes.Requests.removeHoliday, done: "hazf")
        }
    }

    func makeView(_ request: Request, _ context: GatewayRequestContext) -> HolidaysPageView {
        HolidaysPageView(
            csrf: InboxPages.csrf(request), isAdministrator: context.session?.caller.role == .administrator)
    }

    /// Adds or removes a day, then shows the list again.
    func change(
        _ request: Request, context: GatewayRequestContext, route: Route<Holiday, HolidayList>, done: String
    ) async throws -> Response {
        guard InboxPages.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = InboxPages.PostedForm(APIQueryParameters(query: String(buffer: body)))
        try InboxPages.checkCSRF(request, sent: form.first(SessionCookie.csrfField))
        let holiday = Holiday(date: form.first("date") ?? "", title: form.first("title") ?? "")
        do {
            _ = try await inbox.call(route, holiday, context)
            return WebResponse.redirect(to: "/kartabl/tatilat?payam=\(done)")
        } catch let error as BusError where error.code == .invalidInput || error.code == .forbidden {
            var view = makeView(request, context)
            view.show(error)
            view.values = ["date": holiday.date, "title": holiday.title]
            return try await page(request, context, view: view, status: HTTPErrorMapping.status(for: error.code))
        }
    }

    func page(
        _ request: Request, _ context: GatewayRequestContext, view: HolidaysPageView,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var view = view
        view.show(
            try await inbox.call(
                Routes.Requests.holidays, HolidayListQuery(), context, timeout: InboxPages.readTimeout))
        return try inbox.page(
            request, "inbox-holidays", title: "تعطیلات رسمی", view: view, csrf: view.csrf, status: status)
    }
}
