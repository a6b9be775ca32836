/// The request of `requests.submit`: a citizen's application for one service in one province.
///
/// The applicant's details go to `identity.verifyApplicant` as typed; form values are keyed
/// by the profile's `FormAttribute.code` (a `multivaluelist` answer is its keys joined with
/// commas); each document names its attachment frame.
public struct RequestSubmission: Codable, Sendable, Equatable {
    /// The service code in the catalog.
    public var serviceCode: String
    /// The province's slug, such as `tehran`.
    public var province: String
    /// The applicant as typed; the national code must be the logged-in citizen's.
    public var applicant: IdentityVerifyRequest
    /// The form's answers by attribute code, as typed (any digits).
    public var fields: [String: String]
    /// One upload per required document.
    public var documents: [DocumentUpload]

    /// Makes a submission.
    public init(
        serviceCode: String, province: String, applicant: IdentityVerifyRequest, fields: [String: String],
        documents: [DocumentUpload]
    ) {
        self.serviceCode = serviceCode
        self.province = province
        self.applicant = applicant
        self.fields = fields
        self.documents = documents
    }
}
