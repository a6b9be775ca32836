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
    /// A row could not be read back.
    case unreadable(String)
}
