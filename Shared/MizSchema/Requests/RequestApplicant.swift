/// The verified applicant of a request, for its owner and the province's staff.
public struct RequestApplicant: Codable, Sendable, Equatable {
    /// Ten Latin digits.
    public var nationalCode: String
    /// The first name as typed and verified.
    public var firstName: String
    /// The last name.
    public var lastName: String
    /// The mobile, "09…".
    public var mobile: String

    /// Makes the applicant.
    public init(nationalCode: String, firstName: String, lastName: String, mobile: String) {
        self.nationalCode = nationalCode
        self.firstName = firstName
        self.lastName = lastName
        self.mobile = mobile
    }
}
