import MizBus
import MizSchema

/// Sends login codes through `notifier.send` (template `loginCode`), as `Caller.service
/// ("identity")`. The event id is unique per challenge, so a retried call never sends twice.
package struct NotifierLoginCodeSender: LoginCodeSender {
    let client: BusClient

    package init(client: BusClient) {
        self.client = client
    }

    package func send(code: String, to mobile: String, eventId: String) async throws {
        _ = try await client.call(
            Routes.Notifier.send,
            NotifierSendRequest(eventId: eventId, recipient: mobile, template: .loginCode, parameters: ["code": code]),
            timeout: .seconds(5), caller: .service(IdentityVerifierService.serviceName))
    }
}
