import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The administrators' pages beside `/kartabl/karbaran` (each form POSTs with the CSRF token
/// in a hidden field and works without JavaScript):
///
/// - `GET /kartabl/karbaran/{username}/virayesh`: one account: enabled or disabled, and an
///   official's provinces as checkboxes; `POST` saves through `identity.staffUpdate` and shows
///   the list with what changed, or this page again with the refusal (disabling oneself or
///   the last enabled administrator) in an error summary;
/// - `GET /kartabl/rooydadha`: the audit log (`identity.auditList`), newest first, in pages,
///   filtered by actor, action and Jalali days from a GET form (`actor`, `action`, `from`, `to`).
///
/// The identity service decides who may do this (administrators); an official gets its 403
/// page. A disabled account's sessions end in the identity service at once; this gateway
/// instance drops its cached answers for the account too, others within their 5 seconds.
package struct StaffAccountPages: Sendable {
    let pages: AuthPages

    /// The audit log's address.
    package static let auditPath = "/kartabl/rooydadha"
    /// Rows per page of the audit log.
    static let auditPageSize = 50

    package init(pages: AuthPages) {
        self.pages = pages
    }

    /// The edit page's address of an account.
    package static func editPath(_ username: String) -> String {
        "/kartabl/karbaran/\(WebLinks.segment(username))/virayesh"
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/kartabl/karbaran/{username}/virayesh") { request, context in
            guard Self.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
            let account = try await account(context)
            let view = StaffEditView(csrf: try pages.formView(request).csrf, account: account)
            return try render(request, "staff-edit", title: "ویرایش حساب \(account.displayName)", view: view)
        }
        router.post("/kartabl/karbaran/{username}/virayesh") { request, context in
            try await save(request, context: context)
        }
        router.get("/kartabl/rooydadha") { request, context in try await audit(request, context: context) }
    }

    /// `POST …/virayesh`: the account's new state.
    func save(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard Self.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let form = try await pages.checkedForm(request, context: context)
        let account = try await account(context)
        let enabled: Bool? =
            switch form["enabled"] ?? "" {
            case "true": true
            case "false": false
            default: nil
            }
        let provinces = account.role == .official ? form.all("provinces") : nil
        do {
            let updated = try await pages.call(
                Routes.Identity.staffUpdate,
                IdentityStaffUpdateRequest(username: account.username, enabled: enabled, provinces: provinces),
                context)
            pages.cache.removeStaff(id: updated.id)
            var view = try pages.formView(request)
            view.message =
                updated.enabled
                ? "تغییرات حساب «\(updated.displayName)» ذخیره شد."
                : "حساب «\(updated.displayName)» غیرفعال است و نشست‌های باز او بسته شد."
            return try await pages.staffPage(request, context: context, view: view)
        } catch let error as BusError
            where error.code == .invalidInput || error.code == .conflict || error.code == .notFound
        {
            var view = StaffEditView(
                csrf: try pages.formView(request).csrf, account: account, enabled: enabled, provinces: provinces)
            view.show(error)
            return try render(
                request, "staff-edit", title: "ویرایش حساب \(account.displayName)", view: view,
                status: pages.status(of: error))
        }
    }

    /// `GET /kartabl/rooydadha`: one page of the audit log, filtered by the query string; a
    /// filter the identity service refuses (a bad date) shows the form again with its Persian
    /// problem linked to the input, and no rows.
    func audit(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard Self.isStaff(context) else { return WebResponse.redirect(to: "/vorood/karkonan") }
        let query = WebQuery(request.uri.query).auditRequest(pageSize: Self.auditPageSize)
        var view = AuditPageView(csrf: try pages.formView(request).csrf, request: query)
        var status: HTTPResponse.Status = .ok
        do {
            view.show(try await pages.call(Routes.Identity.auditList, query, context))
        } catch let error as BusError where error.code == .invalidInput {
            view.show(error)
            status = pages.status(of: error)
        }
        return try render(
            request, "staff-audit", title: "رویدادهای ورود و حساب‌ها", content: view, csrf: view.csrf, status: status)
    }

    // MARK: - Helpers

    static func isStaff(_ context: GatewayRequestContext) -> Bool { context.session?.caller.kind == .staff }

    /// The account named in the address, read through `identity.staffList` (administrators
    /// only, so an official is refused here already); an unknown one is the not-found page.
    func account(_ context: GatewayRequestContext) async throws -> StaffAccount {
        let username = PersianDigits.latin(context.parameters.get("username") ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let list = try await pages.call(Routes.Identity.staffList, IdentityStaffListRequest(), context)
        guard let account = list.accounts.first(where: { $0.username == username }) else {
            throw BusError(.notFound, message: "کاربری با این نام یافت نشد.")
        }
        return account
    }

    func render(
        _ request: Request, _ template: String, title: String, view: StaffEditView, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try render(request, template, title: title, content: view, csrf: view.csrf, status: status)
    }

    /// A page with the layout, never cached, setting the CSRF cookie when the form's token is new.
    func render(
        _ request: Request, _ template: String, title: String, content: some Sendable, csrf: String,
        status: HTTPResponse.Status
    ) throws -> Response {
        guard let site = pages.site else { throw BusError(.internal, message: "web resources unavailable") }
        return try site.privatePage(
            request, template: template, title: title, content: content, csrf: csrf, status: status)
    }
}
