import Foundation

/// The reply of `identity.verifyApplicant` when every check passed: the applicant's details in
/// canonical form, for the caller to store or to start a login with.
///
/// It carries only what the caller sent, cleaned up; nothing read from the registry is
/// returned, so the route never reveals a registry record.
public struct IdentityVerification: Codable, Sendable, Equatable {
    /// The national code as ten ASCII digits.
    public var nationalCode: String
    /// The birth date as "1370-05-12" (Jalali, ASCII digits).
    public var birthDate: String
    /// The first name as typed, lightly cleaned for display (Persian ی and ک, spaces).
    public var firstName: String
    /// The last name as typed, lightly cleaned for display.
    public var lastName: String
    /// The mobile number in canonical form "09xxxxxxxxx".
    public var mobile: String
    /// When the registries confirmed the applicant.
    public var verifiedAt: Date

    /// Makes the reply.
    public init(
        nationalCode: String, birthDate: String, firstName: String, lastName: String, mobile: String,
        verifiedAt: Date
    ) {
        self.nationalCode = nationalCode
        self.birthDate = birthDate
        self.firstName = firstName
        self.lastName = lastName
        self.mobile = mobile
        self.verifiedAt = verifiedAt
    }
}
