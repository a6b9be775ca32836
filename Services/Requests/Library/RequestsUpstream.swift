import MizSchema

/// The other services the requests service calls: the catalog for profiles, the identity
/// verifier for applicants, the notifier for SMS. The bus implements it in a process
/// (`BusRequestsUpstream`); tests plug the real libraries of those services in directly.
package protocol RequestsUpstream: Sendable {
    /// `catalog.profile`: the current profile of a service.
    func profile(code: String) async throws -> ServiceProfile
    /// `identity.verifyApplicant`: the applicant checked against the registries.
    func verifyApplicant(_ request: IdentityVerifyRequest) async throws -> IdentityVerification
    /// `notifier.send`: one SMS for one event, idempotent by its event id.
    func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt
}
