import Foundation
import MizPersian
import MizSchema

/// The view of the feedback pages (survey, complaint, message, tracking, and the staff
/// pages): the form's values and CSRF token, the error summary, and what each page lists.
package struct FeedbackPageView: Sendable {
    /// One problem of the error summary, linking to its field.
    package struct Problem: Sendable {
        package var message: String
        /// The id of the input the link moves to.
        package var anchor: String
    }

    /// One choice of a select or a radio group.
    package struct Option: Sendable {
        package var value: String
        package var label: String
        package var isChecked: Bool
        /// The choice's own id, for its label.
        package var id: String
    }

    package var csrf: String
    /// A key made when the form is shown, so that sending it twice stores one submission.
    package var idempotencyKey = UUID().uuidString
    /// The service the feedback is about, from the service box's link.
    package var serviceCode: String?
    /// The catalog's title of that service, when the catalog answered.
    package var serviceTitle: String?
    /// A notice or the error summary's heading text.
    package var message: String?
    package var isError = false
    package var problems: [Problem] = []
    /// Problems by field, shown beside each input.
    package var fieldProblems: [String: String] = [:]
    /// Values typed before, shown again (never the tracking code).
    package var values: [String: String] = [:]
    /// The logged-in citizen's requests to choose from; empty for a visitor.
    package var myRequests: [Option] = []
    package var isCitizen = false
    /// Whether `myRequests` has any, so the page offers them instead of the code fields.
    package var hasMyRequests = false
    package var satisfaction: [Option] = []
    package var onTime: [Option] = []
    package var explanationClear: [Option] = []
    /// A survey exists already: the page offers to replace its answers.
    package var canEdit = false
    package var kinds: [Option] = []
    package var provinces: [Option] = []
    /// The arithmetic question shown past the message rate.
    package var challenge: ChallengeView?
    /// The confirmation after a submission.
    package var done: DoneView?
    /// One complaint, on the tracking page or the staff page.
    package var complaint: ComplaintView?
    package var complaints: [ComplaintView] = []
    package var messages: [MessageView] = []
    package var statusFilter: [Option] = []
    package var charts: [StatisticsChart] = []
    package var isAdministrator = false
    /// Total and page text of a staff list.
    package var totalText: String?
    /// The previous and next pages of a staff list, nil at either end.
    package var previousLink: String?
    package var nextLink: String?
    /// Whether the list has more than one page.
    package var hasPages = false

    /// Sets the total and the links to the neighbouring pages of a list at `path`, keeping
    /// the filters in `query`.
    package mutating func paginate(
        path: String, query: [String: String], total: Int, page: Int, pageSize: Int, noun: String
    ) {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        totalText =
            "\(PersianDigits.display(total)) \(noun)"
            + (pages > 1 ? "، صفحه \(PersianDigits.display(page)) از \(PersianDigits.display(pages))" : "")
        func link(_ page: Int) -> String {
            var items = query.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
            items.append(URLQueryItem(name: "page", value: String(page)))
            var components = URLComponents()
            components.path = path
            components.queryItems = items
            return components.string ?? path
        }
        previousLink = page > 1 ? link(min(page - 1, pages)) : nil
        nextLink = page < pages ? link(page + 1) : nil
        hasPages = pages > 1
    }

    package init(csrf: String) {
        self.csrf = csrf
    }

    /// The challenge a sender over the rate must answer.
    package struct ChallengeView: Sendable {
        package var question: String
        package var token: String
    }

    /// A confirmation: what was registered and its number.
    package struct DoneView: Sendable {
        package var title: String
        package var numberLabel: String?
        package var number: String?
        package var lines: [String]
        package var trackLink: Bool
    }

    /// A complaint as pages show it.
    package struct ComplaintView: Sendable {
        package var trackingNumber: String
        package var processNumber: String
        package var serviceCode: String
        package var provinceName: String
        package var text: String
        package var status: String
        package var statusKey: String
        package var answer: String?
        package var createdAt: String
        package var dueAt: String
        package var answeredAt: String?
        package var escalated: Bool
        package var hasAttachment: Bool
        package var canReview: Bool
        package var canAnswer: Bool
        package var canClose: Bool
        /// The staff page of the complaint.
        package var link: String

        package init(_ complaint: Complaint) {
            trackingNumber = complaint.trackingNumber
            processNumber = PersianDigits.display(complaint.processNumber)
            serviceCode = complaint.serviceCode
            provinceName = Province(slug: complaint.province)?.persianName ?? complaint.province
            text = complaint.text
            status = complaint.status.persianName
            statusKey = complaint.status.rawValue
            answer = complaint.answer
            createdAt = FeedbackPageView.date(complaint.createdAt)
            dueAt = FeedbackPageView.date(complaint.dueAt)
            answeredAt = complaint.answeredAt.map(FeedbackPageView.date)
            escalated = complaint.escalated
            hasAttachment = complaint.attachment != nil
            canReview = complaint.status == .registered
            canAnswer = complaint.status.isOpen
            canClose = complaint.status == .answered
            link = "/kartabl/shekayat/\(complaint.trackingNumber)"
        }
    }

    /// A message as the staff page shows it.
    package struct MessageView: Sendable {
        package var messageNumber: String
        package var kind: String
        package var serviceCode: String?
        package var provinceName: String?
        package var contactMobile: String?
        package var text: String
        package var isOpen: Bool
        package var createdAt: String

        package init(_ message: FeedbackMessage) {
            messageNumber = message.messageNumber
            kind = message.kind.persianName
            serviceCode = message.serviceCode
            provinceName = message.province.map { Province(slug: $0)?.persianName ?? $0 }
            contactMobile = message.contactMobile.map(PersianDigits.display)
            text = message.text
            isOpen = message.status == .new
            createdAt = FeedbackPageView.date(message.createdAt)
        }
    }

    /// A moment as the pages show it: the Jalali date and Tehran's clock, Persian digits.
    package static func date(_ date: Date) -> String {
        "\(JalaliDate(gregorian: date).longFormatted)، ساعت \(WebClock.time(date).prefix(5))"
    }

    /// The survey's questions with the typed answers checked.
    mutating func setSurveyChoices(from values: [String: String]) {
        let labels = ["۱ (خیلی ناراضی)", "۲", "۳", "۴", "۵ (خیلی راضی)"]
        satisfaction = (1...5).map {
            Option(
                value: String($0), label: labels[$0 - 1], isChecked: values["satisfaction"] == String($0),
                id: "survey-satisfaction-\($0)")
        }
        onTime = Self.yesNo("onTime", values: values, prefix: "survey-on-time")
        explanationClear = Self.yesNo("explanationClear", values: values, prefix: "survey-clear")
    }

    static func yesNo(_ field: String, values: [String: String], prefix: String) -> [Option] {
        [
            Option(value: "yes", label: "بله", isChecked: values[field] == "yes", id: "\(prefix)-yes"),
            Option(value: "no", label: "خیر", isChecked: values[field] == "no", id: "\(prefix)-no"),
        ]
    }

    /// Fills the summary and the per-field messages from a refusal; `anchors` maps the
    /// service's field names to the inputs' ids.
    mutating func show(_ error: BusError, anchors: [String: String], fallback: String) {
        message = error.message
        isError = true
        for field in error.fields {
            let anchor = anchors[field.field] ?? fallback
            problems.append(Problem(message: field.message, anchor: anchor))
            let key = field.field.split(separator: ".").last.map(String.init) ?? field.field
            if fieldProblems[key] == nil { fieldProblems[key] = field.message }
        }
        if problems.isEmpty { problems.append(Problem(message: error.message, anchor: fallback)) }
    }
}
