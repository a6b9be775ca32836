import MizPersian
import MizSchema

/// The citizen's panel: who is logged in and their requests with status.
package struct PanelListView: Sendable {
    /// One request row.
    package struct Row: Sendable {
        package var link: String
        package var processNumber: String
        package var serviceTitle: String
        package var provinceName: String
        package var status: String
        package var statusKey: String
        package var submittedAt: String
        package var needsAction: Bool
    }

    package var csrf: String
    package var identifier: String
    package var rows: [Row] = []
    package var hasRows = false
    /// Whether the list was read (false while the requests service is unreachable).
    package var isListed = false
    package var totalText: String = ""
    package var previousLink: String?
    package var nextLink: String?
    /// Why the list is missing, when it is.
    package var notice: String?

    /// The panel of the citizen with `identifier` (ten Latin digits), before the list is read.
    package init(csrf: String, identifier: String) {
        self.csrf = csrf
        self.identifier = PersianDigits.display(identifier)
    }

    /// Shows one page of the citizen's requests.
    package mutating func show(_ list: RequestList) {
        rows = list.items.map { item in
            Row(
                link: "/panel/darkhast/\(WebLinks.segment(item.requestId))",
                processNumber: RequestFormat.identifier(item.processNumber), serviceTitle: item.serviceTitle,
                provinceName: Province(slug: item.province)?.persianName ?? item.province,
                status: item.status.persianName, statusKey: item.status.rawValue,
                submittedAt: RequestFormat.date(item.submittedAt), needsAction: item.status == .needsFix)
        }
        hasRows = !rows.isEmpty
        isListed = true
        totalText = WebFormat.count(list.total, "درخواست")
        previousLink = list.page > 1 ? "/panel?page=\(list.page - 1)" : nil
        nextLink = list.page * list.pageSize < list.total ? "/panel?page=\(list.page + 1)" : nil
    }
}
