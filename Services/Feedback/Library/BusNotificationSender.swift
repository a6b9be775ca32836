import MizBus
import MizSchema

/// The real sender: `notifier.send` over the bus, as the feedback service.
package struct BusNotificationSender: NotificationSender {
    private let client: BusClient
    private let timeout: Duration

    /// A sender through `client`.
    package init(client: BusClient, timeout: Duration = .seconds(5)) {
        self.client = client
        self.timeout = timeout
    }

    package func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt {
        try await client.call(
            Routes.Notifier.send, request, timeout: timeout, caller: .service(FeedbackService.serviceName))
    }
}
