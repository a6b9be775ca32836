import Foundation
import Logging
import MizRuntime
import MizSchema
import Notifier

/// A notifier store in its own temporary folder, with routes and a relay over a provider.
struct NotifierFixture {
    let folder: URL
    let store: SQLiteNotifierStore
    let signal = WakeSignal()
    let routes: NotifierRoutes
    let relay: DeliveryRelay
    let fileProvider: FileSMSProvider

    init(
        provider: (any SMSProvider)? = nil, hourlyLimit: Int = 10, development: Bool = true,
        policy: RelayPolicy = RelayPolicy(initialBackoff: .milliseconds(10), maximumBackoff: .milliseconds(50))
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-notifier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteNotifierStore(path: folder.appendingPathComponent(SQLiteNotifierStore.fileName).path)
        fileProvider = FileSMSProvider(path: folder.appendingPathComponent(FileSMSProvider.fileName).path)
        routes = NotifierRoutes(store: store, signal: signal, hourlyLimit: hourlyLimit, isDevelopment: development)
        relay = DeliveryRelay(store: store, provider: provider ?? fileProvider, policy: policy, signal: signal)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sends as the requests service would.
    func send(_ request: NotifierSendRequest) async throws -> NotifierReceipt {
        try await routes.send(request, logger: Logger(label: "notifier-tests"))
    }

    /// Waits (polling, test code only) until the event's message leaves queued/sending.
    func settled(_ eventId: String, within limit: Duration = .seconds(10)) async throws -> NotifierReceipt {
        let deadline = ContinuousClock.now + limit
        while true {
            let receipt = try await routes.status(NotifierStatusRequest(eventId: eventId))
            if receipt.status == .delivered || receipt.status == .failed || ContinuousClock.now > deadline {
                return receipt
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A received-request message for `eventId`.
func receivedRequest(_ eventId: String, to recipient: String = "09121234567") -> NotifierSendRequest {
    NotifierSendRequest(
        eventId: eventId, recipient: recipient, template: .requestReceived,
        parameters: ["processNumber": "1405-23-000123", "trackingCode": "K7P2-9QXM"])
}

/// The `BusError` a call throws, or nil when it succeeds.
func busError<T>(_ body: () async throws -> T) async -> BusError? {
    do {
        _ = try await body()
        return nil
    } catch let error as BusError {
        return error
    } catch {
        return BusError(.internal, message: "\(error)")
    }
}
