import Foundation

/// The request of `requests.ownership`: which request the caller claims as theirs.
///
/// A caller proves ownership either with the process number and the tracking code (anyone,
/// no login), or, for a logged-in citizen, with the process number alone: the requests
/// service then compares the request's applicant with the envelope's caller.
public struct RequestOwnershipQuery: Codable, Sendable, Equatable {
    /// The process number (شماره فرآیند) as typed, in any digits, e.g. «۱۴۰۵-۲۳-۰۰۰۱۲۳».
    public var processNumber: String
    /// The tracking code (کد رهگیری) as typed; optional for a logged-in citizen.
    public var trackingCode: String?

    /// Makes the query.
    public init(processNumber: String, trackingCode: String? = nil) {
        self.processNumber = processNumber
        self.trackingCode = trackingCode
    }
}

/// The reply of `requests.ownership`: the facts another service needs about a request the
/// caller has proven to own (feedback uses it for surveys and complaints).
public struct RequestOwnership: Codable, Sendable, Equatable {
    /// The request's internal id.
    public var requestId: String
    /// The canonical process number in Latin digits, e.g. "1405-23-000123".
    public var processNumber: String
    /// The service's code in the catalog.
    public var serviceCode: String
    /// The province's slug, e.g. "tehran".
    public var province: String
    /// The applicant's national code (ten Latin digits).
    public var applicantNationalCode: String
    /// The applicant's mobile, normalized ("09…"), for an SMS about this request.
    public var applicantMobile: String
    /// Where the request stands now.
    public var status: RequestStatus
    /// When it was submitted.
    public var submittedAt: Date
    /// When an official decided, if they have.
    public var decidedAt: Date?
    /// The date by which the province should decide.
    public var dueAt: Date

    /// Makes the reply.
    public init(
        requestId: String,
        processNumber: String,
        serviceCode: String,
        province: String,
        applicantNationalCode: String,
        applicantMobile: String,
        status: RequestStatus,
        submittedAt: Date,
        decidedAt: Date?,
        dueAt: Date
    ) {
        self.requestId = requestId
        self.processNumber = processNumber
        self.serviceCode = serviceCode
        self.province = province
        self.applicantNationalCode = applicantNationalCode
        self.applicantMobile = applicantMobile
        self.status = status
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
        self.dueAt = dueAt
    }
}
