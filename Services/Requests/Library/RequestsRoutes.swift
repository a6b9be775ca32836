import Crypto
import Foundation
import Logging
import Metrics
import MizBus
import MizPersian
import MizRuntime
import MizSchema

/// The requests service's route handlers: each checks the caller, validates, and reads or
/// writes the store, returning the reply or throwing a `BusError`, so they run the same on
/// the bus and in tests.
package struct RequestsRoutes: Sendable {
    /// How long a submit's reply is kept for its idempotency key (it holds the tracking code).
    package static let idempotencyLifetime: TimeInterval = 24 * 3600
    /// The largest page of a list.
    package static let maximumPageSize = 100

    package let store: any RequestStore
    package let upstream: any RequestsUpstream
    /// Raised after a write that queued an SMS, to wake the outbox relay.
    package let signal: WakeSignal
    package let limiter: TrackingRateLimiter
    /// The catalog profiles seen, so a submission asks the catalog at most once a second per service.
    package let profiles: ProfileCache
    private let now: @Sendable () -> Date

    /// Handlers over `store`, calling other services through `upstream`.
    package init(
        store: any RequestStore, upstream: any RequestsUpstream, signal: WakeSignal,
        limiter: TrackingRateLimiter = TrackingRateLimiter(), profiles: ProfileCache = ProfileCache(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.upstream = upstream
        self.signal = signal
        self.limiter = limiter
        self.profiles = profiles
        self.now = now
    }

    /// Serves every requests route on `worker`.
    package func register(on worker: BusWorker) {
        worker.register(Routes.Requests.submit) { request, context in
            try await submit(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey,
                attachments: context.attachments, logger: context.logger)
        }
        worker.register(Routes.Requests.track) { request, context in try await track(request, caller: context.caller) }
        worker.register(Routes.Requests.ownership) { request, context in
            try await ownership(request, caller: context.caller)
        }
        worker.register(Routes.Requests.mine) { request, context in try await mine(request, caller: context.caller) }
        worker.register(Routes.Requests.detail) { request, context in
            try await detail(request, caller: context.caller)
        }
        worker.registerWithAttachments(Routes.Requests.document) { request, context in
            try await document(request, caller: context.caller, logger: context.logger)
        }
        worker.registerWithAttachments(Routes.Requests.result) { request, context in
            try await result(request, caller: context.caller, logger: context.logger)
        }
        worker.register(Routes.Requests.inbox) { request, context in try await inbox(request, caller: context.caller) }
        worker.register(Routes.Requests.claim) { request, context in
            try await claim(request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
        }
        worker.register(Routes.Requests.note) { request, context in
            try await note(request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
        }
        worker.register(Routes.Requests.askForFix) { request, context in
            try await askForFix(request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
        }
        worker.register(Routes.Requests.submitFix) { request, context in
            try await submitFix(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey,
                attachments: context.attachments)
        }
        worker.register(Routes.Requests.approve) { request, context in
            try await approve(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey,
                attachments: context.attachments)
        }
        worker.register(Routes.Requests.reject) { request, context in
            try await reject(request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
        }
        worker.register(Routes.Requests.withdraw) { request, context in
            try await withdraw(request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
        }
        worker.register(Routes.Requests.holidays) { request, context in
            try await holidays(request, caller: context.caller)
        }
        worker.register(Routes.Requests.addHoliday) { request, context in
            try await addHoliday(request, caller: context.caller)
        }
        worker.register(Routes.Requests.removeHoliday) { request, context in
            try await removeHoliday(request, caller: context.caller)
        }
    }

    // MARK: - Submit

    /// `requests.submit`: checks the caller, the service and province, the form and the
    /// documents, verifies the applicant, then stores the request whole.
    package func submit(
        _ submission: RequestSubmission, caller: Caller, idempotencyKey: String?, attachments: [Data],
        logger: Logger
    ) async throws -> RequestReceipt {
        let nationalCode = try RequestAccess.citizen(caller)
        let digests = attachments.map(DocumentDigest.init(of:))
        let idempotency = try record(
            scope: RequestAccess.actor(caller), key: idempotencyKey, route: Routes.Requests.submit.name,
            request: submission, digests: digests)
        if let idempotency, let reply = try await mapped({ try await store.storedReply(for: idempotency, now: now()) })
        {
            return try WireCoding.decoder.decode(RequestReceipt.self, from: reply)
        }
        let code = submission.serviceCode.trimmingCharacters(in: .whitespacesAndNewlines)
        let province = Province(slug: submission.province.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        var errors: [FieldError] = []
        if province == nil {
            errors.append(FieldError(field: "province", message: "استان را از فهرست استان‌ها انتخاب کنید."))
        }
        if let typed = try? NationalCode(validating: submission.applicant.nationalCode), typed.digits != nationalCode {
            throw BusError(
                .forbidden,
                message: "درخواست را فقط به نام خودتان و با کد ملی‌ای که با آن وارد شده‌اید می‌توانید ثبت کنید.")
        }
        let profile: ServiceProfile
        do {
            guard !code.isEmpty else { throw BusError(.notFound) }
            profile = try await profiles.current(code: code) { [upstream] code in try await upstream.profile(code: code)
            }
            guard profile.active else { throw BusError(.notFound) }
        } catch let error as BusError where error.code == .notFound || error.code == .invalidInput {
            errors.append(FieldError(field: "serviceCode", message: "خدمتی با این کد در فهرست خدمات میز نیست."))
            throw BusError.invalidInput(errors, message: "درخواست قابل ثبت نیست؛ موارد مشخص شده را بررسی کنید.")
        }
        if let province, !profile.provinces.includes(province.slug) {
            errors.append(
                FieldError(
                    field: "province",
                    message: "خدمت «\(profile.title)» در استان \(province.persianName) ارائه نمی‌شود."))
        }
        var fields: [String: String] = [:]
        switch FormValidator.validate(submission.fields, against: profile.fields) {
        case .success(let values): fields = values
        case .failure(let error): errors += error.fields
        }
        var documents: [NewDocument] = []
        switch DocumentValidator.validate(
            submission.documents, attachments: attachments, digests: digests, against: profile.documents)
        {
        case .success(let checked): documents = checked
        case .failure(let error): errors += error.fields
        }
        guard errors.isEmpty, let province else {
            throw BusError.invalidInput(errors, message: "درخواست قابل ثبت نیست؛ موارد مشخص شده را اصلاح کنید.")
        }
        let verification: IdentityVerification
        do {
            verification = try await upstream.verifyApplicant(submission.applicant)
        } catch let error as BusError where error.code == .invalidInput {
            throw BusError(
                .invalidInput, message: error.message,
                fields: error.fields.map { FieldError(field: "applicant.\($0.field)", message: $0.message) })
        }
        guard verification.nationalCode == nationalCode else {
            throw BusError(.forbidden, message: "درخواست را فقط به نام خودتان می‌توانید ثبت کنید.")
        }
        // Whole seconds, as the wire's dates carry them, so a replayed receipt equals the first.
        let submittedAt = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        let calendar = WorkingCalendar(holidays: try await holidayDates())
        let trackingCode = TrackingCode.random()
        let new = NewRequest(
            id: UUID().uuidString.lowercased(), year: JalaliDate(gregorian: submittedAt).year,
            provinceNumber: province.number, trackingHash: trackingCode.hash, profile: profile,
            province: province.slug,
            applicant: RequestApplicant(
                nationalCode: verification.nationalCode, firstName: verification.firstName,
                lastName: verification.lastName, mobile: verification.mobile),
            fields: fields, documents: documents, submittedAt: submittedAt,
            dueAt: calendar.dueDate(submittedAt: submittedAt, workingDays: profile.processingDays),
            actor: RequestAccess.actor(caller), trackingCode: trackingCode.formatted)
        let receipt = try await mapped({ try await store.insert(new, idempotency: idempotency) }, logger: logger)
        signal.signal()
        Counter(label: "miz_requests_submitted_total", dimensions: [("province", province.slug)]).increment()
        logger.info(
            "request submitted",
            metadata: [
                "miz.request.process_number": "\(receipt.processNumber)", "miz.request.service": "\(profile.code)",
                "miz.national_code": "\((try? NationalCode(validating: nationalCode))?.masked ?? "***")",
                "miz.request.documents": "\(documents.count)",
            ])
        return receipt
    }

    // MARK: - Reads

    /// `requests.track`: status, timeline and next step for a process number and its code.
    package func track(_ query: RequestTrackingQuery, caller: Caller) async throws -> RequestTracking {
        let request = try await provenByCode(query.processNumber, query.trackingCode, caller: caller)
        let history = try await store.history(requestId: request.id)
        return RequestTracking(
            processNumber: request.processNumber, serviceCode: request.serviceCode,
            serviceTitle: request.serviceTitle, province: request.province, status: request.status,
            submittedAt: request.submittedAt, dueAt: request.dueAt,
            timeline: history.map { RequestTimelineEntry(status: $0.to, at: $0.at) },
            nextStep: Self.nextStep(request.status))
    }

    /// `requests.ownership`: the facts of a request the caller proves to own.
    package func ownership(_ query: RequestOwnershipQuery, caller: Caller) async throws -> RequestOwnership {
        let request: StoredRequest
        if let code = query.trackingCode, !code.trimmingCharacters(in: .whitespaces).isEmpty {
            request = try await provenByCode(query.processNumber, code, caller: caller)
        } else {
            guard let number = ProcessNumber(parsing: query.processNumber) else { throw Self.malformedNumber }
            guard let found = try await store.request(processNumber: number.description) else {
                throw caller.kind == .anonymous ? BusError(.unauthorized) : RequestAccess.notFound
            }
            _ = try RequestAccess.viewer(of: found.0, caller: caller)
            request = found.0
        }
        return RequestOwnership(
            requestId: request.id, processNumber: request.processNumber, serviceCode: request.serviceCode,
            province: request.province, applicantNationalCode: request.applicant.nationalCode,
            applicantMobile: request.applicant.mobile, status: request.status, submittedAt: request.submittedAt,
            decidedAt: request.decidedAt, dueAt: request.dueAt)
    }

    /// `requests.mine`: the logged-in citizen's requests.
    package func mine(_ query: RequestListQuery, caller: Caller) async throws -> RequestList {
        let nationalCode = try RequestAccess.citizen(caller)
        try Self.checkPage(query.page, query.pageSize)
        let (items, total) = try await store.requests(
            applicant: nationalCode, page: query.page, pageSize: query.pageSize)
        let now = now()
        return RequestList(
            items: items.map {
                var summary = $0.summary(now: now)
                summary.assignee = nil
                return summary
            }, total: total, page: query.page, pageSize: query.pageSize)
    }

    /// `requests.detail`: one request in full for its owner or the staff of its province.
    package func detail(_ reference: RequestReference, caller: Caller) async throws -> RequestDetail {
        let (request, viewer) = try await visible(reference.requestId, caller: caller)
        return try await detail(of: request, viewer: viewer)
    }

    /// `requests.document`: one stored file with its bytes, never other bytes than its row's.
    package func document(
        _ query: RequestDocumentQuery, caller: Caller, logger: Logger = Logger(label: "miz.requests")
    ) async throws -> AttachedReply<RequestDocument> {
        _ = try await visible(query.requestId, caller: caller)
        guard
            let found = try await mapped(
                { try await store.document(requestId: query.requestId, documentId: query.documentId) },
                logger: logger)
        else {
            throw BusError(.notFound, message: "این مدرک یافت نشد.")
        }
        return AttachedReply(found.0, attachments: [found.1])
    }

    /// `requests.result`: the result document of an approved request.
    package func result(
        _ reference: RequestReference, caller: Caller, logger: Logger = Logger(label: "miz.requests")
    ) async throws -> AttachedReply<RequestDocument> {
        let (request, _) = try await visible(reference.requestId, caller: caller)
        guard request.status == .approved,
            let described = try await store.documents(requestId: request.id).last(where: {
                $0.key == DocumentValidator.resultKey
            }),
            let found = try await mapped(
                { try await store.document(requestId: request.id, documentId: described.documentId) }, logger: logger)
        else { throw BusError(.notFound, message: "نتیجه این درخواست هنوز آماده نیست.") }
        return AttachedReply(found.0, attachments: [found.1])
    }

    /// `requests.inbox`: the staff member's provinces only, filtered, soonest due first.
    package func inbox(_ query: InboxQuery, caller: Caller) async throws -> Inbox {
        let staff = try RequestAccess.staff(caller)
        try Self.checkPage(query.page, query.pageSize)
        var provinces: [String]? = staff.isAdministrator ? nil : staff.provinces
        if let wanted = query.province?.trimmingCharacters(in: .whitespaces).lowercased(), !wanted.isEmpty {
            guard Province(slug: wanted) != nil else {
                throw BusError.invalidInput([FieldError(field: "province", message: "استان نامعتبر است.")])
            }
            guard RequestAccess.covers(staff, wanted) else {
                throw BusError(.forbidden, message: "کارتابل این استان در دسترس شما نیست.")
            }
            provinces = [wanted]
        }
        var errors: [FieldError] = []
        func day(_ text: String?, field: String) -> JalaliDate? {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            switch JalaliDate.parse(text) {
            case .success(let date): return date
            case .failure(let error):
                errors.append(FieldError(field: field, message: error.persianMessage))
                return nil
            }
        }
        let from = day(query.submittedFrom, field: "submittedFrom")
        let to = day(query.submittedTo, field: "submittedTo")
        if !errors.isEmpty { throw BusError.invalidInput(errors) }
        let service = query.serviceCode?.trimmingCharacters(in: .whitespaces)
        let filter = InboxFilter(
            provinces: provinces, statuses: query.statuses, serviceCode: service?.isEmpty == false ? service : nil,
            submittedFrom: from?.startOfDay(), submittedBefore: to?.endOfDay(),
            overdueOnly: query.overdueOnly, page: query.page, pageSize: query.pageSize)
        let now = now()
        let (items, total, counts) = try await store.inbox(filter, now: now)
        return Inbox(
            items: items.map { $0.summary(now: now) }, total: total, counts: counts, page: query.page,
            pageSize: query.pageSize)
    }

    // MARK: - Staff actions

    /// `requests.claim`: an official takes a submitted or fixed request for review.
    package func claim(_ reference: RequestReference, caller: Caller, idempotencyKey: String?) async throws
        -> RequestDetail
    {
        let (request, staff) = try await forStaff(reference.requestId, caller: caller)
        var change = RequestChange(action: .claim, actor: RequestAccess.actor(caller))
        change.assignee = staff.id
        change.idempotency = try record(caller, idempotencyKey, Routes.Requests.claim.name, reference)
        return try await applied(
            change, to: request, viewer: .staff(id: staff.id, isAdministrator: staff.isAdministrator))
    }

    /// `requests.note`: a staff note, never shown to the citizen.
    package func note(_ submission: InternalNoteSubmission, caller: Caller, idempotencyKey: String?) async throws
        -> RequestDetail
    {
        let (request, staff) = try await forStaff(submission.requestId, caller: caller)
        let text = PersianText.normalizedForDisplay(submission.text)
        guard (1...2000).contains(text.count) else {
            throw BusError.invalidInput([FieldError(field: "text", message: "یادداشت باید ۱ تا ۲۰۰۰ نویسه باشد.")])
        }
        var change = RequestChange(action: .note, actor: RequestAccess.actor(caller))
        change.internalNote = text
        change.idempotency = try record(caller, idempotencyKey, Routes.Requests.note.name, submission)
        return try await applied(
            change, to: request, viewer: .staff(id: staff.id, isAdministrator: staff.isAdministrator))
    }

    /// `requests.askForFix`: the reviewing official names what to correct; the citizen is texted.
    package func askForFix(_ submission: FixRequestSubmission, caller: Caller, idempotencyKey: String?) async throws
        -> RequestDetail
    {
        let (request, staff) = try await forStaff(submission.requestId, caller: caller)
        let fieldCodes = Set(request.profile.fields.map(\.code))
        let documentKeys = Set(request.profile.documents.map(\.key))
        var errors: [FieldError] = []
        let fields = Self.unique(submission.fields)
        let documents = Self.unique(submission.documents)
        if let unknown = fields.first(where: { !fieldCodes.contains($0) }) {
            errors.append(FieldError(field: "fields", message: "«\(unknown)» از فیلدهای فرم این خدمت نیست."))
        }
        if let unknown = documents.first(where: { !documentKeys.contains($0) }) {
            errors.append(FieldError(field: "documents", message: "«\(unknown)» از مدارک این خدمت نیست."))
        }
        if fields.isEmpty && documents.isEmpty {
            errors.append(FieldError(field: "fields", message: "دست‌کم یک فیلد یا یک مدرک را برای اصلاح نام ببرید."))
        }
        let message = PersianText.normalizedForDisplay(submission.message)
        if !(5...2000).contains(message.count) {
            errors.append(FieldError(field: "message", message: "توضیح رفع نقص باید ۵ تا ۲۰۰۰ نویسه باشد."))
        }
        if !errors.isEmpty { throw BusError.invalidInput(errors) }
        var change = RequestChange(action: .askForFix, actor: RequestAccess.actor(caller))
        change.requiredAssignee = staff.isAdministrator ? nil : staff.id
        change.fix = (fields, documents, message)
        change.note = message
        change.event = (.fixRequested, [:], "fix")
        change.idempotency = try record(caller, idempotencyKey, Routes.Requests.askForFix.name, submission)
        return try await applied(
            change, to: request, viewer: .staff(id: staff.id, isAdministrator: staff.isAdministrator))
    }

    /// `requests.approve`: the reviewing official approves with the result document.
    package func approve(
        _ submission: ApprovalSubmission, caller: Caller, idempotencyKey: String?, attachments: [Data]
    ) async throws -> RequestDetail {
        let (request, staff) = try await forStaff(submission.requestId, caller: caller)
        guard let content = attachments.first else {
            throw BusError.invalidInput([FieldError(field: "result", message: "فایل نتیجه را پیوست کنید.")])
        }
        let document: NewDocument
        switch DocumentValidator.check(
            content, fileName: submission.resultFileName, key: DocumentValidator.resultKey, title: "نتیجه",
            accepted: [.pdf, .jpeg, .png], maximumBytes: DocumentValidator.maximumResultBytes)
        {
        case .success(let checked): document = checked
        case .failure(let error): throw BusError.invalidInput([FieldError(field: "result", message: error.message)])
        }
        var change = RequestChange(action: .approve, actor: RequestAccess.actor(caller))
        change.requiredAssignee = staff.isAdministrator ? nil : staff.id
        change.documents = [document]
        change.note = submission.note.map(PersianText.normalizedForDisplay).flatMap {
            $0.isEmpty ? nil : String($0.prefix(2000))
        }
        change.event = (.resultReady, [:], "result")
        change.idempotency = try record(caller, idempotencyKey, Routes.Requests.approve.name, submission, attachments)
        return try await applied(
            change, to: request, viewer: .staff(id: staff.id, isAdministrator: staff.isAdministrator))
    }

    /// `requests.reject`: the reviewing official rejects with reasons.
    package func reject(_ submission: RejectionSubmission, caller: Caller, idempotencyKey: String?) async throws
        -> RequestDetail
    {
        let (request, staff) = try await forStaff(submission.requestId, caller: caller)
        let reasons = PersianText.normalizedForDisplay(submission.reasons)
        guard (10...2000).contains(reasons.count) else {
            throw BusError.invalidInput([
                FieldError(field: "reasons", message: "دلایل رد درخواست را در ۱۰ تا ۲۰۰۰ نویسه بنویسید.")
            ])
        }
        var change = RequestChange(action: .reject, actor: RequestAccess.actor(caller))
        change.requiredAssignee = staff.isAdministrator ? nil : staff.id
        change.rejectionReasons = reasons
        change.note = reasons
        change.event = (.resultReady, [:], "result")
        change.idempotency = try record(caller, idempotencyKey, Routes.Requests.reject.name, submission)
        return try await applied(
            change, to: request, viewer: .staff(id: staff.id, isAdministrator: staff.isAdministrator))
    }

    // MARK: - Citizen actions

    /// `requests.submitFix`: the owner sends exactly the corrections asked for.
    package func submitFix(
        _ submission: FixSubmission, caller: Caller, idempotencyKey: String?, attachments: [Data]
    ) async throws -> RequestDetail {
        let request = try await forOwner(submission.requestId, caller: caller)
        let idempotency = try record(caller, idempotencyKey, Routes.Requests.submitFix.name, submission, attachments)
        if let idempotency, try await mapped({ try await store.storedReply(for: idempotency, now: now()) }) != nil {
            return try await detail(of: request, viewer: .owner)
        }
        guard request.status == .needsFix, let fix = try await store.latestFix(requestId: request.id) else {
            throw BusError(
                .conflict, message: RequestStatusMachine.conflictMessage(from: request.status, on: .submitFix))
        }
        var errors: [FieldError] = []
        var fields: [String: String] = [:]
        switch FormValidator.validate(submission.fields, against: request.profile.fields, only: Set(fix.fields)) {
        case .success(let values): fields = values
        case .failure(let error): errors += error.fields
        }
        var documents: [NewDocument] = []
        switch DocumentValidator.validate(
            submission.documents, attachments: attachments, against: request.profile.documents,
            only: Set(fix.documents))
        {
        case .success(let checked): documents = checked
        case .failure(let error): errors += error.fields
        }
        if !errors.isEmpty {
            throw BusError.invalidInput(errors, message: "اصلاحات پذیرفته نشد؛ موارد مشخص شده را بررسی کنید.")
        }
        var change = RequestChange(action: .submitFix, actor: RequestAccess.actor(caller))
        change.fields = fields
        change.documents = documents
        change.idempotency = idempotency
        return try await applied(change, to: request, viewer: .owner)
    }

    /// `requests.withdraw`: the owner withdraws before a decision.
    package func withdraw(_ submission: WithdrawalSubmission, caller: Caller, idempotencyKey: String?) async throws
        -> RequestDetail
    {
        let request = try await forOwner(submission.requestId, caller: caller)
        let reason = submission.reason.map(PersianText.normalizedForDisplay) ?? ""
        guard reason.count <= 500 else {
            throw BusError.invalidInput([FieldError(field: "reason", message: "دلیل انصراف حداکثر ۵۰۰ نویسه است.")])
        }
        var change = RequestChange(action: .withdraw, actor: RequestAccess.actor(caller))
        change.note = reason.isEmpty ? nil : reason
        change.idempotency = try record(caller, idempotencyKey, Routes.Requests.withdraw.name, submission)
        return try await applied(change, to: request, viewer: .owner)
    }

    // MARK: - Holidays

    /// `requests.holidays`: the official holidays (staff).
    package func holidays(_ query: HolidayListQuery, caller: Caller) async throws -> HolidayList {
        _ = try RequestAccess.staff(caller)
        return HolidayList(holidays: try await store.holidays(year: query.year))
    }

    /// `requests.addHoliday`: adds or renames a holiday (administrators).
    package func addHoliday(_ holiday: Holiday, caller: Caller) async throws -> HolidayList {
        let date = try administratorDay(holiday, caller: caller)
        let title = PersianText.normalizedForDisplay(holiday.title)
        guard (1...100).contains(title.count) else {
            throw BusError.invalidInput([
                FieldError(field: "title", message: "عنوان تعطیلی را بنویسید (حداکثر ۱۰۰ نویسه).")
            ])
        }
        try await store.addHoliday(date, title: title, actor: RequestAccess.actor(caller), now: now())
        return HolidayList(holidays: try await store.holidays(year: date.year))
    }

    /// `requests.removeHoliday`: removes a holiday (administrators).
    package func removeHoliday(_ holiday: Holiday, caller: Caller) async throws -> HolidayList {
        let date = try administratorDay(holiday, caller: caller)
        guard try await store.removeHoliday(date, actor: RequestAccess.actor(caller), now: now()) else {
            throw BusError(.notFound, message: "این روز در فهرست تعطیلات نیست.")
        }
        return HolidayList(holidays: try await store.holidays(year: date.year))
    }

    // MARK: - Helpers

    private func administratorDay(_ holiday: Holiday, caller: Caller) throws -> JalaliDate {
        let staff = try RequestAccess.staff(caller)
        guard staff.isAdministrator else {
            throw BusError(.forbidden, message: "فقط مدیر سامانه فهرست تعطیلات را تغییر می‌دهد.")
        }
        switch JalaliDate.parse(holiday.date) {
        case .success(let date): return date
        case .failure(let error):
            throw BusError.invalidInput([FieldError(field: "date", message: error.persianMessage)])
        }
    }

    private func holidayDates() async throws -> Set<JalaliDate> {
        Set(
            try await store.holidays(year: nil).compactMap {
                if case .success(let date) = JalaliDate.parse($0.date) { date } else { nil }
            })
    }

    /// The request a process number and tracking code prove, rate limited per client address.
    private func provenByCode(_ processNumber: String, _ trackingCode: String, caller: Caller) async throws
        -> StoredRequest
    {
        // A desk service that names no client address calls for itself over its CURVE-keyed link.
        let trustedService = caller.kind == .service && (caller.clientAddress ?? "").isEmpty
        guard trustedService || limiter.allow(caller.clientAddress, now: now()) else {
            throw BusError(
                .tooManyRequests, message: "تلاش‌های پیگیری از این نشانی زیاد بوده است؛ چند دقیقه بعد دوباره تلاش کنید.")
        }
        guard let number = ProcessNumber(parsing: processNumber) else { throw Self.malformedNumber }
        guard let code = TrackingCode(parsing: trackingCode),
            let found = try await store.request(processNumber: number.description), found.trackingHash == code.hash
        else { throw RequestAccess.notFound }
        return found.0
    }

    private func visible(_ requestId: String, caller: Caller) async throws -> (StoredRequest, RequestViewer) {
        if caller.kind == .anonymous { throw BusError(.unauthorized) }
        guard let request = try await store.request(id: requestId) else { throw RequestAccess.notFound }
        return (request, try RequestAccess.viewer(of: request, caller: caller))
    }

    private func forStaff(_ requestId: String, caller: Caller) async throws
        -> (StoredRequest, (id: String, isAdministrator: Bool, provinces: [String]))
    {
        let staff = try RequestAccess.staff(caller)
        guard let request = try await store.request(id: requestId) else { throw RequestAccess.notFound }
        guard RequestAccess.covers(staff, request.province) else {
            throw BusError(.forbidden, message: "این درخواست از استان دیگری است و در کارتابل شما نیست.")
        }
        return (request, staff)
    }

    private func forOwner(_ requestId: String, caller: Caller) async throws -> StoredRequest {
        let nationalCode = try RequestAccess.citizen(caller)
        guard let request = try await store.request(id: requestId), request.applicant.nationalCode == nationalCode
        else { throw RequestAccess.notFound }
        return request
    }

    private func applied(_ change: RequestChange, to request: StoredRequest, viewer: RequestViewer) async throws
        -> RequestDetail
    {
        let updated = try await mapped { try await store.apply(change, requestId: request.id, now: now()) }
        Counter(label: "miz_requests_actions_total", dimensions: [("action", change.action.rawValue)]).increment()
        if change.event != nil { signal.signal() }
        return try await detail(of: updated, viewer: viewer)
    }

    /// The detail as `viewer` may see it: staff get the internal notes and who did what; the
    /// citizen sees "staff" for any official and no assignee.
    private func detail(of request: StoredRequest, viewer: RequestViewer) async throws -> RequestDetail {
        var summary = request.summary(now: now())
        var history = try await store.history(requestId: request.id)
        var notes: [InternalNote] = []
        if case .staff = viewer {
            notes = try await store.notes(requestId: request.id)
        } else {
            summary.assignee = nil
            for index in history.indices where history[index].actor.hasPrefix("staff:") {
                history[index].actor = "staff"
            }
        }
        return RequestDetail(
            summary: summary, profileVersion: request.profileVersion,
            applicant: request.applicant, fields: try await store.formValues(requestId: request.id),
            documents: try await store.documents(requestId: request.id), history: history,
            fixRequest: try await store.latestFix(requestId: request.id), notes: notes,
            rejectionReasons: request.rejectionReasons)
    }

    /// Runs a store call, turning its refusals into the `BusError`s callers read.
    private func mapped<T>(_ body: () async throws -> T, logger: Logger? = nil) async throws -> T {
        do {
            return try await body()
        } catch let error as RequestStoreError {
            switch error {
            case .notFound: throw RequestAccess.notFound
            case .illegalTransition(let from, let action):
                throw BusError(.conflict, message: RequestStatusMachine.conflictMessage(from: from, on: action))
            case .notAssignee:
                throw BusError(.conflict, message: "این درخواست را کارشناس دیگری برای بررسی برداشته است.")
            case .idempotencyKeyReused:
                throw BusError(.conflict, message: "این کلید تکرار پیش از این برای درخواست دیگری به کار رفته است.")
            case .documentUnavailable(let documentId, let reason):
                (logger ?? Logger(label: "miz.requests")).error(
                    "document unavailable",
                    metadata: ["miz.requests.document": "\(documentId)", "miz.error": "\(reason)"])
                throw BusError(
                    .internal,
                    message:
                        "فایل این مدرک اکنون در دسترس نیست یا آسیب دیده است؛ خطا ثبت شد و پشتیبانی سامانه آن را بررسی می‌کند."
                )
            case .documentNotKept(let reason):
                (logger ?? Logger(label: "miz.requests")).error(
                    "documents folder could not keep a file", metadata: ["miz.error": "\(reason)"])
                throw BusError(
                    .unavailable,
                    message: "نگهداری مدارک اکنون ممکن نیست و چیزی ثبت نشد؛ چند دقیقه دیگر دوباره بفرستید.")
            case .unreadable: throw error
            }
        }
    }

    private func record<T: Encodable>(
        _ caller: Caller, _ key: String?, _ route: String, _ request: T, _ attachments: [Data] = []
    ) throws -> IdempotencyRecord? {
        try record(
            scope: RequestAccess.actor(caller), key: key, route: route, request: request,
            digests: attachments.map(DocumentDigest.init(of:)))
    }

    /// The idempotency record of a write with `key`, fingerprinting the request and the
    /// digests of its attachments; nil without a key.
    private func record<T: Encodable>(
        scope: String, key: String?, route: String, request: T, digests: @autoclosure () -> [DocumentDigest]
    ) throws -> IdempotencyRecord? {
        guard let key = key?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        guard key.count <= 200 else {
            throw BusError.invalidInput([FieldError(field: "idempotencyKey", message: "کلید تکرار بیش از حد بلند است.")]
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var hasher = SHA256()
        hasher.update(data: try encoder.encode(request))
        for digest in digests() { hasher.update(data: digest.bytes) }
        let fingerprint = DocumentDigest.hexadecimal(hasher.finalize())
        return IdempotencyRecord(
            scope: scope, key: key, route: route, fingerprint: fingerprint,
            expiresAt: now().addingTimeInterval(Self.idempotencyLifetime))
    }

    private static func checkPage(_ page: Int, _ pageSize: Int) throws {
        var errors: [FieldError] = []
        if page < 1 { errors.append(FieldError(field: "page", message: "شماره صفحه باید ۱ یا بیشتر باشد.")) }
        if !(1...maximumPageSize).contains(pageSize) {
            errors.append(FieldError(field: "pageSize", message: "اندازه صفحه باید بین ۱ تا ۱۰۰ باشد."))
        }
        if !errors.isEmpty { throw BusError.invalidInput(errors) }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    private static var malformedNumber: BusError {
        BusError.invalidInput(
            [FieldError(field: "processNumber", message: "شماره فرآیند را به شکل ۱۴۰۵-۲۳-۰۰۰۱۲۳ وارد کنید.")])
    }

    /// What happens next, as the tracking page says it.
    package static func nextStep(_ status: RequestStatus) -> String {
        switch status {
        case .submitted: "درخواست شما ثبت شده و در نوبت بررسی کارشناس استان است."
        case .underReview: "کارشناس استان در حال بررسی درخواست شماست."
        case .needsFix: "درخواست نیاز به رفع نقص دارد؛ به پنل کاربری بروید و موارد خواسته شده را اصلاح کنید."
        case .fixed: "اصلاحات شما دریافت شد و درخواست در نوبت بررسی دوباره است."
        case .approved: "درخواست تأیید شد؛ نتیجه را از پنل کاربری دریافت کنید."
        case .rejected: "درخواست رد شد؛ دلایل آن در پنل کاربری آمده است."
        case .withdrawn: "درخواست به انتخاب شما بسته شد."
        }
    }
}
