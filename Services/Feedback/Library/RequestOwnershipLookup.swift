import MizSchema

/// Proves that a caller owns a request, by asking the requests service: the feedback service
/// never reads another service's tables.
package protocol RequestOwnershipLookup: Sendable {
    /// The facts of the request `query` names, if `caller` owns it.
    ///
    /// - Throws: the requests service's `BusError`: `notFound` for an unknown number, a wrong
    ///   tracking code or another citizen's request; `forbidden`; `invalidInput`; `unavailable`.
    func ownership(_ query: RequestOwnershipQuery, caller: Caller) async throws -> RequestOwnership
}
