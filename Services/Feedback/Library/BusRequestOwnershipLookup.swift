import MizBus
import MizSchema

/// The real ownership lookup: `requests.ownership` over the bus, with the envelope's caller
/// forwarded so that a logged-in citizen proves ownership with the process number alone.
package struct BusRequestOwnershipLookup: RequestOwnershipLookup {
    private let client: BusClient
    private let timeout: Duration

    /// A lookup through `client`.
    package init(client: BusClient, timeout: Duration = .seconds(5)) {
        self.client = client
        self.timeout = timeout
    }

    package func ownership(_ query: RequestOwnershipQuery, caller: Caller) async throws -> RequestOwnership {
        try await client.call(Routes.Requests.ownership, query, timeout: timeout, caller: caller)
    }
}
