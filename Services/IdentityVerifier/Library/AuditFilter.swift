import Foundation

/// Which rows of the audit log a reader wants: one actor, one action, a time range. A nil
/// part keeps every row; the parts are checked by `StaffAccounts` before they get here.
package struct AuditFilter: Sendable, Equatable {
    /// The actor exactly as stored (canonical user name, or `desk`).
    package var actor: String?
    /// One of `IdentityAuditEntry.actions`.
    package var action: String?
    /// Rows at or after this instant.
    package var from: Date?
    /// Rows before this instant.
    package var before: Date?

    /// Makes the filter; by default every row.
    package init(actor: String? = nil, action: String? = nil, from: Date? = nil, before: Date? = nil) {
        self.actor = actor
        self.action = action
        self.from = from
        self.before = before
    }
}
