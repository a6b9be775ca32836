import Foundation
import MizPersian
import MizSchema

/// The audit log page for administrators: one page of rows, newest first, each saying who did
/// what to which account, when (Jalali, Persian digits), how it ended and from which address.
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

    package var csrf: String
    package var rows: [Row]
    package var hasRows: Bool
    package var totalText: String
    package var pageText: String
    package var previousLink: String?
    package var nextLink: String?

    /// The page of `list`.
    package init(csrf: String, list: IdentityAuditList) {
        self.csrf = csrf
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
        previousLink = list.page > 1 ? "\(StaffAccountPages.auditPath)?page=\(list.page - 1)" : nil
        nextLink = list.page < pages ? "\(StaffAccountPages.auditPath)?page=\(list.page + 1)" : nil
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
