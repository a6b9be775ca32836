/// The request of `identity.verifyApplicant`: the applicant's details exactly as typed.
///
/// Every field is text as the citizen entered it (Persian, Arabic-Indic or Latin digits,
/// separators, Arabic letter forms); the service validates and normalizes each one and
/// reports format problems per field, keyed by the property names below.
public struct IdentityVerifyRequest: Codable, Sendable, Equatable {
    /// The national code (کد ملی), ten digits with a check digit; 8–9 digits are left-padded.
    public var nationalCode: String
    /// The Jalali birth date as year/month/day, e.g. «۱۳۷۰/۰۵/۱۲» or "1370-05-12".
    public var birthDate: String
    /// The first name as written in the birth certificate (شناسنامه).
    public var firstName: String
    /// The last name as written in the birth certificate.
    public var lastName: String
    /// The mobile number that must belong to the national code (شاهکار), e.g. "0912…".
    public var mobile: String

    /// Makes the request.
    public init(nationalCode: String, birthDate: String, firstName: String, lastName: String, mobile: String) {
        self.nationalCode = nationalCode
        self.birthDate = birthDate
        self.firstName = firstName
        self.lastName = lastName
        self.mobile = mobile
    }
}
