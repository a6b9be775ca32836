extension Routes {
    /// The routes of the `requests` service: citizens' requests, their documents, the
    /// provinces' inboxes.
    ///
    /// Every route checks the envelope's `Caller`: a citizen reaches only their own requests
    /// (another's is `notFound`, as if it did not exist); staff only their provinces'
    /// (`forbidden` otherwise; an administrator sees all). Writes that are not idempotent
    /// take the envelope's idempotency key; a repeated key returns the first reply.
    public enum Requests {
        /// Proves that the caller owns a request: with its process number and tracking code,
        /// or as the logged-in citizen who applied. Staff of the request's province may also
        /// read it. Idempotent (a read).
        ///
        /// Errors: `notFound` for an unknown number, a wrong tracking code or another
        /// citizen's request (the three are identical on the wire, so codes cannot be probed);
        /// `forbidden` for staff of another province; `invalidInput` for a malformed number;
        /// `tooManyRequests` when one client address tries too many tracking codes.
        public static let ownership = Route<RequestOwnershipQuery, RequestOwnership>(
            "requests.ownership", isIdempotent: true)
        /// A citizen applies (citizen callers only): documents travel as attachment frames
        /// named by `DocumentUpload.attachment`. Errors: `unauthorized` (anonymous),
        /// `invalidInput` with one Persian `FieldError` per field (`serviceCode`, `province`,
        /// `fields.<code>`, `documents.<key>`, `applicant.<field>`), `forbidden` when the
        /// applicant is not the caller, `unavailable` when the catalog or the registry is down.
        public static let submit = Route<RequestSubmission, RequestReceipt>("requests.submit", isIdempotent: false)
        /// Status, timeline and next step by process number and tracking code, without
        /// personal data; rate limited per client address. A wrong code is `notFound`.
        public static let track = Route<RequestTrackingQuery, RequestTracking>("requests.track", isIdempotent: true)
        /// The logged-in citizen's own requests, newest first.
        public static let mine = Route<RequestListQuery, RequestList>("requests.mine", isIdempotent: true)
        /// One request in full, for its owner or the staff of its province.
        public static let detail = Route<RequestReference, RequestDetail>("requests.detail", isIdempotent: true)
        /// One stored file's description, its bytes as the reply's attachment frame 0.
        public static let document = Route<RequestDocumentQuery, RequestDocument>(
            "requests.document", isIdempotent: true)
        /// The result document of an approved request, bytes as attachment frame 0.
        public static let result = Route<RequestReference, RequestDocument>("requests.result", isIdempotent: true)
        /// The staff inbox (کارتابل): the caller's provinces only, filters, due-date order,
        /// counts per status.
        public static let inbox = Route<InboxQuery, Inbox>("requests.inbox", isIdempotent: true)
        /// An official takes a submitted or fixed request for review (→ underReview).
        public static let claim = Route<RequestReference, RequestDetail>("requests.claim", isIdempotent: false)
        /// A staff note on a request, never shown to the citizen.
        public static let note = Route<InternalNoteSubmission, RequestDetail>("requests.note", isIdempotent: false)
        /// The reviewing official asks for corrections (underReview → needsFix); texts the citizen.
        public static let askForFix = Route<FixRequestSubmission, RequestDetail>(
            "requests.askForFix", isIdempotent: false)
        /// The citizen sends the corrections asked for (needsFix → fixed); new files as attachments.
        public static let submitFix = Route<FixSubmission, RequestDetail>("requests.submitFix", isIdempotent: false)
        /// The reviewing official approves with the result document in attachment frame 0
        /// (underReview → approved); texts the citizen.
        public static let approve = Route<ApprovalSubmission, RequestDetail>("requests.approve", isIdempotent: false)
        /// The reviewing official rejects with reasons (underReview → rejected); texts the citizen.
        public static let reject = Route<RejectionSubmission, RequestDetail>("requests.reject", isIdempotent: false)
        /// The citizen withdraws before a decision (→ withdrawn).
        public static let withdraw = Route<WithdrawalSubmission, RequestDetail>(
            "requests.withdraw", isIdempotent: false)
        /// The official holidays that due dates skip (staff).
        public static let holidays = Route<HolidayListQuery, HolidayList>("requests.holidays", isIdempotent: true)
        /// Adds or renames an official holiday (administrators); returns that year's list.
        public static let addHoliday = Route<Holiday, HolidayList>("requests.addHoliday", isIdempotent: true)
        /// Removes an official holiday (administrators; the title is ignored); returns that year's list.
        public static let removeHoliday = Route<Holiday, HolidayList>("requests.removeHoliday", isIdempotent: true)
    }
}
