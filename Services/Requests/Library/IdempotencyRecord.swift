import Foundation

/// A write's idempotency key as the store keeps it: scoped to the caller, bound to the
/// request's fingerprint, with the reply to give again until it expires.
package struct IdempotencyRecord: Sendable {
    /// Whose key: `citizen:<code>` or `staff:<id>`.
    package var scope: String
    /// The key from the envelope.
    package var key: String
    /// The route it was used on.
    package var route: String
    /// A digest of the request, so a key reused for another request is refused.
    package var fingerprint: String
    /// When the stored reply is forgotten.
    package var expiresAt: Date

    /// Makes the record.
    package init(scope: String, key: String, route: String, fingerprint: String, expiresAt: Date) {
        self.scope = scope
        self.key = key
        self.route = route
        self.fingerprint = fingerprint
        self.expiresAt = expiresAt
    }
}
