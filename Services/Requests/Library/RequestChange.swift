import Foundation
import MizSchema

/// One action on an existing request, applied by the store in one transaction: the status
/// move (checked there by `RequestStatusMachine`), its data, history, outbox event and audit.
package struct RequestChange: Sendable {
    package var action: RequestAction
    /// Who acts: `citizen:<national code>` or `staff:<id>`.
    package var actor: String
    /// For review actions: the official who must hold the request; nil lets anyone of the
    /// province (administrators).
    package var requiredAssignee: String?
    /// Claim: the new assignee.
    package var assignee: String?
    /// The note for history (a fix message, reasons, a withdrawal reason).
    package var note: String?
    /// Submit fix: corrected answers.
    package var fields: [String: String] = [:]
    /// Submit fix or approve: new files; a fix replaces the current file of the same key.
    package var documents: [NewDocument] = []
    /// Ask for fix: what to correct.
    package var fix: (fields: [String], documents: [String], message: String)?
    /// Note: the internal note's text.
    package var internalNote: String?
    /// Reject: the reasons.
    package var rejectionReasons: String?
    /// The SMS this change causes: template, parameters, and the event id's last part (a fix
    /// request's is numbered by the store).
    package var event: (template: NotificationKind, parameters: [String: String], suffix: String)?
    /// The idempotency key of the call, kept with the change.
    package var idempotency: IdempotencyRecord?

    /// Makes a change of `action` by `actor`.
    package init(action: RequestAction, actor: String) {
        self.action = action
        self.actor = actor
    }
}
