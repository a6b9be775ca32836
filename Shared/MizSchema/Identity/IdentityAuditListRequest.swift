/// The request of `identity.auditList`: one page of the identity service's audit log, newest
/// first (administrators only).
public struct IdentityAuditListRequest: Codable, Sendable, Equatable {
    /// The page, from 1.
    public var page: Int
    /// Rows per page, 1 to 100.
    public var pageSize: Int

    /// Makes the request.
    public init(page: Int = 1, pageSize: Int = 50) {
        self.page = page
        self.pageSize = pageSize
    }
}
