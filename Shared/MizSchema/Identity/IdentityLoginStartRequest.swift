/// The request of `identity.loginStart`: the first step of a citizen's login to the panel.
///
/// Both fields are text as typed (any digits, any accepted mobile form); the service checks
/// their format and answers per field.
public struct IdentityLoginStartRequest: Codable, Sendable, Equatable {
    /// The national code (کد ملی).
    public var nationalCode: String
    /// The mobile number the code is sent to; it must belong to the national code (شاهکار).
    public var mobile: String

    /// Makes the request.
    public init(nationalCode: String, mobile: String) {
        self.nationalCode = nationalCode
        self.mobile = mobile
    }
}
