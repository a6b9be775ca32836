/// The reply of `identity.auditList`: one page of the audit log, newest first.
public struct IdentityAuditList: Codable, Sendable, Equatable {
    /// The rows of this page.
    public var items: [IdentityAuditEntry]
    /// How many rows the log has in all.
    public var total: Int
    /// The page and its size.
    public var page: Int
    public var pageSize: Int

    /// Makes the reply.
    public init(items: [IdentityAuditEntry], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }
}
