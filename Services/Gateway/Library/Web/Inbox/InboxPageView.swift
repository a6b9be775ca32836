import Foundation
import MizPersian
import MizSchema

/// The view of the inbox page (`/kartabl`): who is logged in, the counts per status as tabs,
/// the filters as they were sent, one row per request and the pages.
package struct InboxPageView: Sendable {
    /// One status tab with its count.
    package struct Tab: Sendable {
        package var title: String
        package var count: String
        package var link: String
        package var isCurrent: Bool
    }

    /// One choice of the status filter.
    package struct StatusOption: Sendable {
        package var value: String
        package var title: String
        package var isSelected: Bool
    }

    /// One choice of the service or province filter.
    package struct Option: Sendable {
        package var value: String
        package var title: String
        package var isSelected: Bool
    }

    /// One request row.
    package struct Row: Sendable {
        package var link: String
        package var processNumber: String
        package var serviceTitle: String
        package var province: String
        package var status: String
        package var submitted: String
        package var due: String
        package var overdue: Bool
        package var assignee: String?
    }

    package var csrf: String
    package var who: String
    package var role: String
    /// The official's provinces in Persian, or nil for an administrator.
    package var provincesText: String?
    package var isAdministrator: Bool
    /// The error summary: a heading and one line per problem, each linking to its field.
    package var errors: [Problem] = []
    /// A notice when the inbox cannot be read now.
    package var unavailable: String?
    package var tabs: [Tab] = []
    package var statusOptions: [StatusOption] = []
    package var values: [String: String] = [:]
    /// The services to filter by, from the catalog; empty when it did not answer (the page
    /// then offers a text field for the code).
    package var serviceOptions: [Option] = []
    package var hasServiceOptions = false
    /// The provinces to filter by: the official's, or all for an administrator.
    package var provinceOptions: [Option] = []
    package var hasProvinceChoice = false
    package var overdueChecked = false
    package var rows: [Row] = []
    package var totalText = ""
    package var previousLink: String?
    package var nextLink: String?
    package var pageText: String?

    /// One problem of the error summary.
    package struct Problem: Sendable {
        package var field: String
        package var message: String
    }

    /// Whether the error summary, the tabs and the table are shown (stored, as templates
    /// read stored properties only).
    package var hasErrors = false
    package var hasTabs = false
    package var hasRows = false

    /// The statuses in the order an official works them.
    static let order: [RequestStatus] = [.submitted, .fixed, .underReview, .needsFix, .approved, .rejected, .withdrawn]

    /// The filters as the page's own query string, without `status` and `page`, so tabs and
    /// pages keep the other filters.
    static func link(_ values: [String: String], overdue: Bool, status: String?, page: Int?) -> String {
        var pairs: [(String, String)] = []
        for key in ["service", "province", "from", "to"] {
            if let value = values[key], !value.isEmpty { pairs.append((key, value)) }
        }
        if overdue { pairs.append(("overdue", "on")) }
        if let status { pairs.append(("status", status)) }
        if let page, page > 1 { pairs.append(("page", String(page))) }
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        let query = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        return query.isEmpty ? "/kartabl" : "/kartabl?" + query.joined(separator: "&")
    }

    /// Fills the tabs, rows and pages from the service's inbox.
    mutating func show(_ inbox: Inbox, query: InboxQuery, viewer: String?) {
        let current = query.statuses.count == 1 ? query.statuses[0].rawValue : nil
        let all = inbox.counts.values.reduce(0, +)
        tabs = [
            Tab(
                title: "همه", count: PersianDigits.display(all),
                link: Self.link(values, overdue: query.overdueOnly, status: nil, page: nil),
                isCurrent: query.statuses.isEmpty)
        ]
        for status in Self.order {
            tabs.append(
                Tab(
                    title: status.persianName, count: PersianDigits.display(inbox.counts[status.rawValue] ?? 0),
                    link: Self.link(values, overdue: query.overdueOnly, status: status.rawValue, page: nil),
                    isCurrent: current == status.rawValue))
        }
        rows = inbox.items.map { item in
            Row(
                link: "/kartabl/darkhast/\(item.requestId)", processNumber: PersianDigits.display(item.processNumber),
                serviceTitle: item.serviceTitle, province: Province(slug: item.province)?.persianName ?? item.province,
                status: item.status.persianName, submitted: InboxDates.day(item.submittedAt),
                due: InboxDates.day(item.dueAt), overdue: item.overdue,
                assignee: item.assignee.map { RequestReviewView.staffName($0, viewer: viewer) })
        }
        hasTabs = true
        hasRows = !rows.isEmpty
        totalText = "\(PersianDigits.display(inbox.total)) درخواست"
        let pages = max(1, (inbox.total + inbox.pageSize - 1) / inbox.pageSize)
        if pages > 1 {
            pageText = "صفحهٔ \(PersianDigits.display(inbox.page)) از \(PersianDigits.display(pages))"
        }
        if inbox.page > 1 {
            previousLink = Self.link(values, overdue: query.overdueOnly, status: current, page: inbox.page - 1)
        }
        if inbox.page < pages {
            nextLink = Self.link(values, overdue: query.overdueOnly, status: current, page: inbox.page + 1)
        }
    }
}
