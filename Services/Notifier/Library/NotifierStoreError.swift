/// Failures of the notifier's store that callers must tell apart.
package enum NotifierStoreError: Error, Sendable, Equatable {
    /// The event id was already used for a different message (other recipient, template or
    /// parameters).
    case eventIdReused
    /// A row could not be read back.
    case unreadable(String)
}
