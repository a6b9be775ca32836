/// Why the catalog's store refused a write; the routes turn each into a `BusError`.
package enum CatalogStoreError: Error, Sendable, Equatable {
    /// A service with this code exists already.
    case codeExists(String)
    /// No service has this code.
    case unknownService(String)
    /// The service's current version is not the one the editor started from.
    case versionMismatch(current: Int)
    /// The idempotency key was used before on another route.
    case idempotencyKeyReused(route: String)
    /// A stored row could not be read back.
    case unreadable(String)
}
