import MizPersian
import MizSchema

/// Where a request stands, for the tracking page (no personal data) and the panel's request
/// page (with the citizen's answers, files, the fix asked for and the result).
package struct RequestStatusView: Sendable {
    /// One step of the timeline.
    package struct Step: Sendable {
        package var title: String
        package var date: String
        package var note: String?
    }

    /// One stored file, with its download link.
    package struct File: Sendable {
        package var title: String
        package var fileName: String
        package var sizeText: String
        package var link: String
    }

    /// One answer of the form.
    package struct Answer: Sendable {
        package var label: String
        package var value: String
    }

    package var requestId: String = ""
    package var processNumber: String
    package var serviceTitle: String
    package var provinceName: String
    package var status: String
    package var statusKey: String
    package var submittedAt: String
    package var dueAt: String
    package var nextStep: String?
    package var timeline: [Step] = []
    package var answers: [Answer] = []
    package var hasAnswers = false
    package var files: [File] = []
    package var fixMessage: String?
    package var fixLink: String?
    package var resultLink: String?
    package var rejectionReasons: String?
    package var withdrawLink: String?
    package var notice: String?

    /// The public view of a tracking reply: status, dates, timeline, next step.
    package init(tracking: RequestTracking) {
        processNumber = RequestFormat.identifier(tracking.processNumber)
        serviceTitle = tracking.serviceTitle
        provinceName = Province(slug: tracking.province)?.persianName ?? tracking.province
        status = tracking.status.persianName
        statusKey = tracking.status.rawValue
        submittedAt = RequestFormat.date(tracking.submittedAt)
        dueAt = RequestFormat.date(tracking.dueAt)
        nextStep = tracking.nextStep
        timeline = tracking.timeline.map { Step(title: $0.status.persianName, date: RequestFormat.dateTime($0.at)) }
    }

    /// The owner's view of a request, with labels from its service's profile when known.
    package init(detail: RequestDetail, profile: ServiceProfile?) {
        let summary = detail.summary
        requestId = summary.requestId
        processNumber = RequestFormat.identifier(summary.processNumber)
        serviceTitle = summary.serviceTitle
        provinceName = Province(slug: summary.province)?.persianName ?? summary.province
        status = summary.status.persianName
        statusKey = summary.status.rawValue
        submittedAt = RequestFormat.date(summary.submittedAt)
        dueAt = RequestFormat.date(summary.dueAt)
        let base = "/panel/darkhast/\(WebLinks.segment(summary.requestId))"
        timeline = detail.history.map {
            Step(title: RequestFormat.action($0.action), date: RequestFormat.dateTime($0.at), note: $0.note)
        }
        let attributes = profile?.fields ?? []
        answers = detail.fields.sorted { lhs, rhs in
            let left = attributes.first { $0.code == lhs.key }?.order ?? Int.max
            let right = attributes.first { $0.code == rhs.key }?.order ?? Int.max
            return (left, lhs.key) < (right, rhs.key)
        }.map { code, value in
            guard let attribute = attributes.first(where: { $0.code == code }) else {
                return Answer(label: code, value: PersianDigits.display(value))
            }
            return Answer(label: attribute.description, value: RequestFieldView.display(attribute, value: value))
        }
        hasAnswers = !answers.isEmpty
        files = detail.documents.filter { $0.current && $0.key != "result" }.map { document in
            File(
                title: profile?.documents.first { $0.key == document.key }?.title ?? document.key,
                fileName: document.fileName,
                sizeText: WebFormat.fileSize(kilobytes: max(1, (document.size + 1023) / 1024)),
                link: "\(base)/madarek/\(WebLinks.segment(document.documentId))")
        }
        if summary.status == .needsFix, let fix = detail.fixRequest {
            fixMessage = fix.message
            fixLink = "\(base)/rafe-naqs"
            nextStep = "کارشناس استان رفع نقص خواسته است؛ موارد خواسته‌شده را اصلاح کنید و بفرستید."
        }
        if summary.status == .approved {
            resultLink = "\(base)/natije"
            nextStep = "درخواست تأیید شد؛ سند نتیجه را دریافت کنید."
        }
        rejectionReasons = detail.rejectionReasons
        if !summary.status.isFinal { withdrawLink = "\(base)/enseraf" }
        if nextStep == nil, !summary.status.isFinal {
            nextStep = "درخواست در نوبت بررسی کارشناس استان است؛ نتیجه تا \(dueAt) اعلام می‌شود."
        }
    }
}
