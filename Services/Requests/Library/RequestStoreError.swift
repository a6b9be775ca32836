import MizSchema

/// Why the store refused a write.
package enum RequestStoreError: Error, Sendable, Equatable {
    /// No request with that id.
    case notFound
    /// The action is not legal in the request's status.
    case illegalTransition(from: RequestStatus, action: RequestAction)
    /// Another official holds the request.
    case notAssignee
    /// The idempotency key came before with another request.
    case idempotencyKeyReused
    /// A document's bytes cannot be given: its file is missing or differs from its row, or it
    /// lives in a documents folder this instance was not given.
    case documentUnavailable(documentId: String, reason: String)
    /// The documents folder could not keep a file, so nothing was stored.
    case documentNotKept(reason: String)
    /// A row could not be read back.
    case unreadable(String)
}
