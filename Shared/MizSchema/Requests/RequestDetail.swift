/// The reply of `requests.detail` and of every action: one request in full, for its owner or
/// the staff of its province. `notes` is empty for the citizen.
public struct RequestDetail: Codable, Sendable, Equatable {
    /// The request as listed.
    public var summary: RequestSummary
    /// The profile version the request was made under.
    public var profileVersion: Int
    /// The verified applicant.
    public var applicant: RequestApplicant
    /// The form's answers by attribute code, normalized (Latin digits, Jalali dates "1405-01-31").
    public var fields: [String: String]
    /// Every stored file, current and replaced, and the result.
    public var documents: [RequestDocument]
    /// Every change, oldest first.
    public var history: [RequestHistoryEntry]
    /// The latest fix request, if any.
    public var fixRequest: FixRequest?
    /// Staff notes, oldest first; empty for the citizen.
    public var notes: [InternalNote]
    /// The reasons of a rejection.
    public var rejectionReasons: String?

    /// Makes the detail.
    public init(
        summary: RequestSummary, profileVersion: Int, applicant: RequestApplicant, fields: [String: String],
        documents: [RequestDocument], history: [RequestHistoryEntry], fixRequest: FixRequest?, notes: [InternalNote],
        rejectionReasons: String?
    ) {
        self.summary = summary
        self.profileVersion = profileVersion
        self.applicant = applicant
        self.fields = fields
        self.documents = documents
        self.history = history
        self.fixRequest = fixRequest
        self.notes = notes
        self.rejectionReasons = rejectionReasons
    }
}
