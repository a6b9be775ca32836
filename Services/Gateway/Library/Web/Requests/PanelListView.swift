import MizPersian
import MizSchema

/// The citizen's panel: who is logged in, their requests with status, and their complaints
/// with status and tracking number.
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

    /// One complaint row; its form posts the tracking number to `/shekayat/peygiri`, which
    /// shows the complaint and its answer (the number stays out of addresses and logs).
    package struct ComplaintRow: Sendable {
        package var trackingNumber: String
        package var processNumber: String
        package var provinceName: String
        package var status: String
        package var statusKey: String
        package var createdAt: String
        package var isAnswered: Bool
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
    package var complaints: [ComplaintRow] = []
    package var hasComplaints = false
    /// Whether the complaints were read (false while the feedback service is unreachable).
    package var isComplaintsListed = false
    package var complaintsTotalText = ""
    /// Why the complaints are missing, when they are.
    package var complaintsNotice: String?

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

    /// Shows the citizen's complaints (the newest page the feedback service gives).
    package mutating func show(_ list: ComplaintList) {
        complaints = list.items.map { complaint in
            ComplaintRow(
                trackingNumber: complaint.trackingNumber,
                processNumber: RequestFormat.identifier(complaint.processNumber),
                provinceName: Province(slug: complaint.province)?.persianName ?? complaint.province,
                status: complaint.status.persianName, statusKey: complaint.status.rawValue,
                createdAt: RequestFormat.date(complaint.createdAt),
                isAnswered: complaint.status == .answered || complaint.status == .closed)
        }
        hasComplaints = !complaints.isEmpty
        isComplaintsListed = true
        complaintsTotalText = WebFormat.count(list.total, "شکایت")
    }
}
