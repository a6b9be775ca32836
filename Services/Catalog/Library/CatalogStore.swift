import MizSchema

/// Where the catalog keeps its services, every version of their profiles and its categories.
///
/// Versions are append-only: a write stores the next version of a service (or its first),
/// never changes one, so a request can always read the profile it was made under. Each write
/// raises the store's revision, which tells every instance of the service that its search
/// index is stale.
package protocol CatalogStore: Sendable {
    /// The whole current catalog, read in one transaction.
    func snapshot() async throws -> CatalogSnapshot

    /// The current revision; cheap, for checking whether a snapshot is still current.
    func revision() async throws -> Int64

    /// A service's profile at `version`, or at its current version when nil; nil when the
    /// code or the version is unknown.
    func profile(code: String, version: Int?) async throws -> ServiceProfile?

    /// Every version of a service's profile, newest first; empty when the code is unknown.
    func versions(code: String) async throws -> [ServiceProfile]

    /// Stores the seed's categories and profiles if the store holds no service yet, in one
    /// transaction; returns whether it did. Several instances starting at once seed once.
    func seedIfEmpty(categories: [CategoryDefinition], profiles: [ServiceProfile]) async throws -> Bool

    /// Stores a new service at version 1.
    ///
    /// - Throws: `CatalogStoreError.codeExists` when the code is taken;
    ///   `idempotencyKeyReused` when the key came on another route.
    /// - Returns: the stored profile, or the one stored under the same idempotency key before.
    func create(_ profile: ServiceProfile, idempotency: IdempotencyClaim?) async throws -> ServiceProfile

    /// Stores the next version of a service, made by `revise` from the current one inside
    /// the write transaction, so two edits never both become version n + 1.
    ///
    /// The store sets the result's code and version (current + 1) itself; `revise` may throw
    /// to refuse, and nothing is stored then.
    /// - Returns: the stored profile, or the one stored under the same idempotency key before.
    func appendVersion(
        code: String,
        idempotency: IdempotencyClaim?,
        revise: @escaping @Sendable (ServiceProfile) throws -> ServiceProfile
    ) async throws -> ServiceProfile

    /// Whether the store answers, for the `/ready` probe.
    func isReady() async -> Bool
}
