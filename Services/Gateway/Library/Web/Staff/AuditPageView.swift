import Foundation
import MizPersian
import MizSchema

/// The audit log page for administrators: a GET form of filters (actor, action, Jalali days,
/// in the address so a filtered view can be bookmarked), then one page of rows, newest first,
/// each saying who did what to which account, when (Jalali, Persian digits), how it ended and
/// from which address. Page links keep the filters.
package struct AuditPageView: Sendable {
    /// One row of the table.
    package struct Row: Sendable {
        package var time: String
        package var actor: String
        package var action: String
        package var detail: String?
        package var target: String?
        package var outcome: String
        package var isRefused: Bool
        package var address: String?
    }

    /// One choice of the action list.
    package struct Option: Sendable {
        package var value: String
        package var title: String
        package var isSelected: Bool
    }

    /// A filter the identity service refused, linked to its input.
    package struct Problem: Sendable {
        package var field: String
        package var message: String
    }

    package var csrf: String
    /// The filters as typed, by query key, shown back in the form.
    package var values: [String: String]
    package var actionOptions: [Option]
    package var isFiltered: Bool
    package var errors: [Problem] = []
    package var hasErrors = false
    package var rows: [Row] = []
    package var hasRows = false
    package var isShown = false
    package var totalText = ""
    package var pageText = ""
    package var previousLink: String?
    package var nextLink: String?

    /// The page of `request`'s filters, before its rows are known.
    package init(csrf: String, request: IdentityAuditListRequest) {
        self.csrf = csrf
        var values: [String: String] = [:]
        values["actor"] = request.actor
        values["action"] = request.action
        values["from"] = request.from
        values["to"] = request.to
        self.values = values
        isFiltered = !values.isEmpty
        actionOptions =
            [Option(value: "", title: "همه کارها", isSelected: request.action == nil)]
            + IdentityAuditEntry.actions.map {
                Option(value: $0, title: Self.actionNames[$0] ?? $0, isSelected: request.action == $0)
            }
    }

    /// Shows the rows of `list`, with page links that keep the filters.
    package mutating func show(_ list: IdentityAuditList) {
        isShown = true
        rows = list.items.map { entry in
            Row(
                time: RequestFormat.dateTime(entry.at), actor: Self.identifier(entry.actor),
                action: Self.actionNames[entry.action] ?? entry.action, detail: entry.detail,
                target: entry.target.map(Self.identifier), outcome: Self.outcomeNames[entry.outcome] ?? entry.outcome,
                isRefused: entry.outcome != "success", address: entry.clientAddress.map(PersianDigits.display))
        }
        hasRows = !rows.isEmpty
        totalText = WebFormat.count(list.total, "رویداد")
        let pages = max(1, (list.total + list.pageSize - 1) / list.pageSize)
        pageText = "صفحه \(PersianDigits.display(list.page)) از \(PersianDigits.display(pages))"
        previousLink = list.page > 1 ? link(page: list.page - 1) : nil
        nextLink = list.page < pages ? link(page: list.page + 1) : nil
    }

    /// Shows the identity service's refusal of the filters beside the form.
    package mutating func show(_ error: BusError) {
        errors =
            error.fields.isEmpty
            ? [Problem(field: "audit-filter-actor", message: error.message)]
            : error.fields.map { Problem(field: Self.input(of: $0.field), message: $0.message) }
        hasErrors = true
    }

    /// This page's address at `page`, with the filters.
    func link(page: Int) -> String {
        WebLinks.with(
            "/kartabl/rooydadha", WebQuery.auditFilterKeys.map { ($0, values[$0]) } + [("page", String(page))])
    }

    /// The id of the input of a request field.
    static func input(of field: String) -> String {
        WebQuery.auditFilterKeys.contains(field) ? "audit-filter-\(field)" : "audit-filter-actor"
    }

    /// A user name as typed, or a masked national code, with Persian digits when it has no
    /// Latin letters (a user name keeps its Latin form, as it is typed at login).
    static func identifier(_ text: String) -> String {
        text.contains(where: { $0.isASCII && $0.isLetter }) ? text : PersianDigits.display(text)
    }

    /// The actions of the log, as an administrator reads them.
    static let actionNames = [
        "staffLogin": "ورود به کارتابل", "staffCreate": "ساخت حساب", "staffResetPassword": "تعیین گذرواژه تازه",
        "staffDisable": "غیرفعال کردن حساب", "staffEnable": "فعال کردن دوباره حساب",
        "staffProvinces": "تغییر استان‌ها", "staffUpdate": "ویرایش حساب", "auditList": "دیدن رویدادها",
    ]

    /// How an action ended.
    static let outcomeNames = [
        "success": "انجام شد", "wrongPassword": "گذرواژه نادرست", "unknownUser": "نام کاربری ناشناخته",
        "locked": "حساب قفل بود", "rateLimited": "تلاش بیش از حد از یک نشانی", "disabled": "حساب غیرفعال بود",
        "refused": "رد شد",
    ]
}
