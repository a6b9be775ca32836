import MizSchema

extension WebQuery {
    /// The names of the audit log's filters in a query string, shared by its page and the API,
    /// so a filtered view is an address that can be bookmarked or shared.
    package static let auditFilterKeys = ["actor", "action", "from", "to"]

    /// The `identity.auditList` request of this query string: its page and its filters as typed
    /// (the identity service reads the Jalali days in any digits and says what is wrong).
    package func auditRequest(pageSize: Int) -> IdentityAuditListRequest {
        IdentityAuditListRequest(
            page: page, pageSize: pageSize, actor: self["actor"], action: self["action"], from: self["from"],
            to: self["to"])
    }
}
