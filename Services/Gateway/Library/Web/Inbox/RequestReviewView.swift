import Foundation
import MizPersian
import MizSchema

/// The view of the request review page (`/kartabl/darkhast/{id}`): the request with its
/// applicant, form values, documents, history and notes, and the actions the official may take
/// in its status, each a form with the CSRF token and its own idempotency key.
package struct RequestReviewView: Sendable {
    /// One label and value.
    package struct Fact: Sendable {
        package var label: String
        package var value: String
    }

    /// One stored file.
    package struct Document: Sendable {
        package var title: String
        package var fileName: String
        package var type: String
        package var size: String
        package var uploaded: String
        package var state: String
        package var link: String
    }

    /// One change of the history.
    package struct Change: Sendable {
        package var action: String
        package var status: String
        package var actor: String
        package var at: String
        package var note: String?
    }

    /// One staff note.
    package struct Note: Sendable {
        package var author: String
        package var text: String
        package var at: String
    }

    /// One checkbox of the fix form.
    package struct Choice: Sendable {
        package var id: String
        package var value: String
        package var title: String
        package var isChecked: Bool
    }

    /// One problem of the error summary, linking to its field.
    package struct Problem: Sendable {
        package var anchor: String
        package var message: String
    }

    package var csrf: String
    package var requestId: String
    package var processNumber: String
    package var serviceTitle: String
    /// The read-only card of the profile version the request was made under.
    package var profileVersionLink: String
    /// «نسخه ۳».
    package var profileVersionText: String
    package var statusText: String
    package var overdue: Bool
    package var summary: [Fact] = []
    package var applicantName = ""
    package var nationalCode = ""
    package var mobile = ""
    package var fields: [Fact] = []
    package var documents: [Document] = []
    package var history: [Change] = []
    package var notes: [Note] = []
    package var fixMessage: String?
    package var fixItems: [String] = []
    package var rejectionReasons: String?
    /// A notice after an action succeeded.
    package var notice: String?
    package var errorMessage: String?
    package var errors: [Problem] = []
    package var canClaim = false
    package var canDecide = false
    package var fieldChoices: [Choice] = []
    package var documentChoices: [Choice] = []
    /// Values typed into a form that failed, shown again.
    package var values: [String: String] = [:]
    /// The idempotency key of each form, fresh for every page shown.
    package var keys: [String: String] = [:]

    /// Whether the error summary and the lists are shown (stored, as templates read stored
    /// properties only).
    package var hasErrors = false
    package var hasNotes = false
    package var hasFixItems = false

    /// Builds the view of a request, with the profile's labels when the catalog answered.
    /// `viewer` is the logged-in official's staff id, so their own actions read «شما».
    init(csrf: String, detail: RequestDetail, profile: ServiceProfile?, viewer: String?) {
        let item = detail.summary
        self.csrf = csrf
        requestId = item.requestId
        processNumber = PersianDigits.display(item.processNumber)
        serviceTitle = item.serviceTitle
        profileVersionLink = CatalogAdminPages.versionPath(item.serviceCode, detail.profileVersion)
        profileVersionText = "نسخه \(WebFormat.number(detail.profileVersion))"
        statusText = item.status.persianName
        overdue = item.overdue
        summary = [
            Fact(label: "استان", value: Province(slug: item.province)?.persianName ?? item.province),
            Fact(label: "وضعیت", value: item.status.persianName),
            Fact(label: "تاریخ ثبت", value: InboxDates.moment(item.submittedAt)),
            Fact(label: "مهلت رسیدگی", value: InboxDates.day(item.dueAt)),
            Fact(
                label: "کارشناس",
                value: item.assignee.map { Self.staffName($0, viewer: viewer) } ?? "هنوز کسی برنداشته است"),
        ]
        applicantName = "\(detail.applicant.firstName) \(detail.applicant.lastName)"
        nationalCode = PersianDigits.display(detail.applicant.nationalCode)
        mobile = PersianDigits.display(detail.applicant.mobile)
        let fieldTitles = Dictionary(
            (profile?.fields ?? []).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let documentTitles = Dictionary(
            (profile?.documents ?? []).map { ($0.key, $0.title) }, uniquingKeysWith: { first, _ in first })
        let ordered = detail.fields.keys.sorted {
            (fieldTitles[$0]?.order ?? Int.max, $0) < (fieldTitles[$1]?.order ?? Int.max, $1)
        }
        fields = ordered.map { code in
            let attribute = fieldTitles[code]
            let raw = detail.fields[code] ?? ""
            let chosen = attribute?.values?.first { $0.key == raw }?.name
            return Fact(label: attribute?.description ?? code, value: PersianDigits.display(chosen ?? raw))
        }
        documents = detail.documents.map { document in
            Document(
                title: document.key == "result" ? "نتیجه" : documentTitles[document.key] ?? document.key,
                fileName: document.fileName, type: document.fileType.rawValue.uppercased(),
                size: "\(PersianDigits.display(max(1, (document.size + 1023) / 1024))) کیلوبایت",
                uploaded: InboxDates.moment(document.uploadedAt), state: document.current ? "جاری" : "جایگزین‌شده",
                link: "/kartabl/darkhast/\(item.requestId)/madrak/\(document.documentId)")
        }
        history = detail.history.map { entry in
            Change(
                action: Self.actionNames[entry.action] ?? entry.action, status: entry.to.persianName,
                actor: Self.actorName(entry.actor, viewer: viewer),
                at: InboxDates.moment(entry.at), note: entry.note)
        }
        notes = detail.notes.map {
            Note(author: Self.staffName($0.author, viewer: viewer), text: $0.text, at: InboxDates.moment($0.at))
        }
        if let fix = detail.fixRequest {
            fixMessage = fix.message
            fixItems =
                fix.fields.map { fieldTitles[$0]?.description ?? $0 } + fix.documents.map { documentTitles[$0] ?? $0 }
        }
        rejectionReasons = detail.rejectionReasons
        hasNotes = !notes.isEmpty
        hasFixItems = !fixItems.isEmpty
        canClaim = item.status == .submitted || item.status == .fixed
        canDecide = item.status == .underReview
        fieldChoices = (profile?.fields ?? []).sorted { $0.order < $1.order }.map {
            Choice(id: "fix-field-\($0.code)", value: $0.code, title: $0.description, isChecked: false)
        }
        documentChoices = (profile?.documents ?? []).map {
            Choice(id: "fix-document-\($0.key)", value: $0.key, title: $0.title, isChecked: false)
        }
        for form in ["claim", "note", "fix", "approve", "reject"] { keys[form] = UUID().uuidString }
    }

    /// Who acted, as the page says it: the applicant, «شما», or another official by the start
    /// of their id in Persian digits (the inbox knows staff by id only).
    static func actorName(_ actor: String, viewer: String?) -> String {
        if actor == "citizen" || actor.hasPrefix("citizen:") { return "متقاضی" }
        if actor.hasPrefix("staff:") { return staffName(String(actor.dropFirst("staff:".count)), viewer: viewer) }
        return "سامانه"
    }

    /// «شما» for the viewer, else «کارشناس» and the start of the id in Persian digits.
    static func staffName(_ id: String, viewer: String?) -> String {
        id == viewer ? "شما" : "کارشناس \(PersianDigits.display(String(id.prefix(8))))"
    }

    /// The history's actions in Persian.
    static let actionNames: [String: String] = [
        "submit": "ثبت درخواست", "claim": "برداشتن برای بررسی", "askForFix": "درخواست رفع نقص",
        "submitFix": "ارسال اصلاحات", "approve": "تأیید", "reject": "رد", "withdraw": "انصراف", "note": "یادداشت",
    ]

    /// The notices after each action.
    static let notices: [String: String] = [
        "claim": "درخواست را برای بررسی برداشتید.", "note": "یادداشت ثبت شد.",
        "fix": "درخواست رفع نقص برای متقاضی فرستاده شد.", "approve": "درخواست تأیید شد و نتیجه برای متقاضی آماده است.",
        "reject": "درخواست رد شد و دلایل برای متقاضی فرستاده شد.",
    ]

    /// Shows what went wrong with a posted form: the message, one line per field linking to
    /// it, the values typed and the boxes ticked.
    mutating func show(_ error: BusError, form: String, values: [String: String], checked: Set<String>) {
        errorMessage = error.message
        hasErrors = true
        errors = error.fields.map { Problem(anchor: Self.anchor(form: form, field: $0.field), message: $0.message) }
        if errors.isEmpty { errors = [Problem(anchor: "action-\(form)", message: error.message)] }
        self.values = values
        for index in fieldChoices.indices where checked.contains("field:" + fieldChoices[index].value) {
            fieldChoices[index].isChecked = true
        }
        for index in documentChoices.indices where checked.contains("document:" + documentChoices[index].value) {
            documentChoices[index].isChecked = true
        }
    }

    /// The id of the input a field error belongs to.
    static func anchor(form: String, field: String) -> String {
        switch (form, field) {
        case ("note", _): "note-text"
        case ("fix", "message"): "fix-message"
        case ("fix", "documents"): "fix-documents"
        case ("fix", _): "fix-fields"
        case ("approve", "note"): "approve-note"
        case ("approve", _): "approve-result"
        case ("reject", _): "reject-reasons"
        default: "action-\(form)"
        }
    }
}
