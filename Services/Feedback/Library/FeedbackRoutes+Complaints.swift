import Foundation
import MizRuntime
import MizSchema

extension FeedbackRoutes {
    /// The groups of a complaint's tracking number.
    static let complaintNumberGroups = 3

    /// `feedback.complaintSubmit`: a complaint about a request the caller owns, assigned to
    /// the request's province, with at most one attachment frame.
    package func submitComplaint(
        _ request: ComplaintSubmitRequest, attachments: [Data], caller: Caller, idempotencyKey: String?
    ) async throws -> Complaint {
        try FeedbackAccess.requirePerson(caller)
        var problems: [FieldError] = []
        let text = FeedbackInput.text(request.text, field: "text", problems: &problems)
        var attachment: ComplaintAttachment?
        if attachments.count > 1 {
            problems.append(FieldError(field: "attachment", message: "فقط یک فایل می‌توان پیوست کرد"))
        } else if let bytes = attachments.first {
            do {
                attachment = try AttachmentInspector.inspect(bytes, maximumBytes: policy.maximumAttachmentBytes)
            } catch {
                problems += error.fields
            }
        }
        let owned = try await ownedRequest(
            processNumber: request.processNumber, trackingCode: request.trackingCode, caller: caller,
            problems: problems)
        let moment = now()
        let record = ComplaintRecord(
            trackingNumber: TrackingNumber.make(groups: Self.complaintNumberGroups), requestId: owned.requestId,
            processNumber: owned.processNumber, serviceCode: owned.serviceCode, province: owned.province,
            ownerNationalCode: owned.applicantNationalCode, applicantMobile: owned.applicantMobile, text: text,
            attachment: attachment, createdAt: moment,
            dueAt: WorkingDays.due(after: moment, workingDays: policy.complaintAnswerWorkingDays))
        do {
            return try await store.insertComplaint(
                record, attachment: attachment == nil ? nil : attachments.first, idempotencyKey: idempotencyKey
            ).complaint(at: moment)
        } catch FeedbackStoreError.openComplaintExists {
            throw BusError(
                .conflict,
                message: "برای این درخواست شکایتی در دست بررسی است؛ پس از پاسخ آن می‌توانید شکایت تازه‌ای ثبت کنید.")
        } catch FeedbackStoreError.idempotencyKeyReused {
            throw Self.idempotencyKeyReused
        }
    }

    /// `feedback.complaint`: a complaint for whoever holds its number, or for staff of its
    /// province.
    package func complaint(_ request: ComplaintQuery, caller: Caller) async throws -> Complaint {
        try await visibleComplaint(request.trackingNumber, caller: caller).complaint(at: now())
    }

    /// `feedback.complaintAttachment`: a complaint's attachment and its bytes.
    package func complaintAttachment(_ request: ComplaintQuery, caller: Caller) async throws -> (
        ComplaintAttachment, Data
    ) {
        let record = try await visibleComplaint(request.trackingNumber, caller: caller)
        guard let description = record.attachment,
            let bytes = try await store.attachment(trackingNumber: record.trackingNumber)
        else { throw BusError(.notFound, message: "این شکایت فایل پیوست ندارد.") }
        return (description, bytes)
    }

    /// `feedback.complaints`: a citizen's own complaints, or those staff may see.
    package func complaints(_ request: ComplaintListQuery, caller: Caller) async throws -> ComplaintList {
        var problems: [FieldError] = []
        FeedbackInput.page(request.page, size: request.pageSize, problems: &problems)
        let province = FeedbackInput.province(request.province, problems: &problems)
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        let moment = now()
        var filter = ComplaintFilter(status: request.status, overdueAt: request.escalatedOnly ? moment : nil)
        switch caller.kind {
        case .anonymous:
            throw BusError(.unauthorized)
        case .citizen:
            guard let nationalCode = caller.nationalCode else { throw BusError(.unauthorized) }
            filter.ownerNationalCode = nationalCode
            if let province { filter.provinces = [province] }
        case .staff, .service:
            let scope = try FeedbackAccess.staffScope(caller)
            if let province {
                guard FeedbackAccess.covers(scope, province: province) else {
                    throw BusError(.forbidden, message: "شما برای این استان دسترسی ندارید.")
                }
                filter.provinces = [province]
            } else {
                filter.provinces = scope
            }
        }
        let (items, total) = try await store.complaints(
            filter, offset: (request.page - 1) * request.pageSize, limit: request.pageSize)
        return ComplaintList(
            items: items.map { $0.complaint(at: moment) }, total: total, page: request.page,
            pageSize: request.pageSize)
    }

    /// `feedback.complaintReview`: staff take a registered complaint for review.
    package func reviewComplaint(_ request: ComplaintQuery, caller: Caller) async throws -> Complaint {
        let record = try await staffComplaint(request.trackingNumber, caller: caller)
        do {
            return try await store.markUnderReview(trackingNumber: record.trackingNumber, now: now())
                .complaint(at: now())
        } catch FeedbackStoreError.illegalTransition {
            throw BusError(.conflict, message: "به این شکایت پیش از این پاسخ داده شده است.")
        }
    }

    /// `feedback.complaintAnswer`: staff answer a complaint; the answer and its SMS (through
    /// the outbox) are stored in one transaction, and the relay is woken.
    package func answerComplaint(_ request: ComplaintAnswerRequest, caller: Caller) async throws -> Complaint {
        var problems: [FieldError] = []
        let answer = FeedbackInput.text(request.answer, field: "answer", problems: &problems)
        let record = try await staffComplaint(request.trackingNumber, caller: caller)
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        let notification = NotifierSendRequest(
            eventId: "feedback:complaint:\(TrackingNumber.reference(of: record.trackingNumber)):answered",
            recipient: record.applicantMobile,
            template: .complaintAnswered, parameters: ["processNumber": record.processNumber])
        let answered: ComplaintRecord
        do {
            answered = try await store.answer(
                trackingNumber: record.trackingNumber, answer: answer, staffId: caller.staffId ?? "", now: now(),
                notification: notification)
        } catch FeedbackStoreError.illegalTransition(let from) {
            throw BusError(
                .conflict,
                message: from == .closed
                    ? "این شکایت بسته شده است." : "به این شکایت پیش از این پاسخ دیگری داده شده است.")
        }
        signal.signal()
        return answered.complaint(at: now())
    }

    /// `feedback.complaintClose`: staff close an answered complaint.
    package func closeComplaint(_ request: ComplaintQuery, caller: Caller) async throws -> Complaint {
        let record = try await staffComplaint(request.trackingNumber, caller: caller)
        do {
            return try await store.close(trackingNumber: record.trackingNumber, now: now()).complaint(at: now())
        } catch FeedbackStoreError.illegalTransition {
            throw BusError(.conflict, message: "شکایت پیش از پاسخ داده شدن بسته نمی‌شود.")
        }
    }

    /// The complaint a caller may read: anyone holding its number, staff only in their scope.
    ///
    /// A complaint outside a staff member's provinces is `notFound`, exactly like an unknown
    /// number: the number is its holder's key, so nobody may learn that one exists.
    private func visibleComplaint(_ typed: String, caller: Caller) async throws -> ComplaintRecord {
        switch caller.kind {
        case .anonymous, .citizen:
            return try await existingComplaint(typed)
        case .staff, .service:
            return try await staffComplaint(typed, caller: caller)
        }
    }

    /// The complaint a staff caller may act on, or `notFound` outside their provinces.
    private func staffComplaint(_ typed: String, caller: Caller) async throws -> ComplaintRecord {
        let scope = try FeedbackAccess.staffScope(caller)
        let record = try await existingComplaint(typed)
        guard FeedbackAccess.covers(scope, province: record.province) else { throw Self.complaintNotFound }
        return record
    }

    private func existingComplaint(_ typed: String) async throws -> ComplaintRecord {
        guard let number = TrackingNumber.canonical(typed, groups: Self.complaintNumberGroups) else {
            throw BusError.invalidInput([
                FieldError(field: "trackingNumber", message: "کد پیگیری شکایت ۱۲ نویسه است، مانند 7K2P-9QXM-4ABD")
            ])
        }
        guard let record = try await store.complaint(trackingNumber: number) else { throw Self.complaintNotFound }
        return record
    }

    private static var complaintNotFound: BusError {
        BusError(.notFound, message: "شکایتی با این کد پیگیری یافت نشد.")
    }
}
