/// The request of `identity.staffList`: every staff account (administrators only).
public struct IdentityStaffListRequest: Codable, Sendable, Equatable {
    /// Makes the request.
    public init() {}
}
