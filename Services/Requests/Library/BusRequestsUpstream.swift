import MizBus
import MizSchema

/// The requests service's calls to other services over the bus, as the `requests` service.
package struct BusRequestsUpstream: RequestsUpstream {
    private let client: BusClient
    private let caller = Caller.service("requests")

    /// Calls through `client`.
    package init(client: BusClient) {
        self.client = client
    }

    package func profile(code: String) async throws -> ServiceProfile {
        try await client.call(Routes.Catalog.profile, CatalogProfileRequest(code: code), caller: caller)
    }

    package func verifyApplicant(_ request: IdentityVerifyRequest) async throws -> IdentityVerification {
        try await client.call(Routes.Identity.verifyApplicant, request, caller: caller)
    }

    package func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt {
        try await client.call(Routes.Notifier.send, request, caller: caller)
    }
}
