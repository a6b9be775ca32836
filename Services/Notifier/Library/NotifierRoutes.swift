import Foundation
import Logging
import MizBus
import MizPersian
import MizRuntime
import MizSchema

/// The notifier's route handlers: each takes the request and returns the reply or throws a
/// `BusError`, so they run the same on the bus and in tests.
package struct NotifierRoutes: Sendable {
    /// The longest event id accepted.
    package static let maximumEventIdLength = 200
    /// The longest parameter value accepted.
    package static let maximumParameterLength = 64

    package let store: any NotifierStore
    /// Raised after a message is queued, to wake the relay.
    package let signal: WakeSignal
    /// Messages per recipient per hour; more are stored as failed with `rateLimited`.
    package let hourlyLimit: Int
    /// Whether `notifier.devInbox` answers.
    package let isDevelopment: Bool
    private let now: @Sendable () -> Date

    /// Handlers over `store`.
    package init(
        store: any NotifierStore, signal: WakeSignal, hourlyLimit: Int, isDevelopment: Bool,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.signal = signal
        self.hourlyLimit = hourlyLimit
        self.isDevelopment = isDevelopment
        self.now = now
    }

    /// Serves every notifier route on `worker`.
    package func register(on worker: BusWorker) {
        worker.register(Routes.Notifier.send) { request, context in try await send(request, logger: context.logger) }
        worker.register(Routes.Notifier.status) { request, _ in try await status(request) }
        worker.register(Routes.Notifier.devInbox) { request, _ in try await devInbox(request) }
    }

    /// `notifier.send`: validates, renders and queues the message of an event, once per event id.
    package func send(_ request: NotifierSendRequest, logger: Logger) async throws -> NotifierReceipt {
        let message = try prepared(request)
        let stored: StoredMessage
        let duplicate: Bool
        do {
            (stored, duplicate) = try await store.enqueue(message, hourlyLimit: hourlyLimit, now: now())
        } catch NotifierStoreError.eventIdReused {
            throw BusError(
                .conflict, message: "این شناسه رویداد پیش از این برای پیام دیگری به کار رفته است.",
                fields: [FieldError(field: "eventId", message: "شناسه رویداد تکراری است")])
        }
        if !duplicate {
            signal.signal()
            logger.info(
                "message queued",
                metadata: [
                    "miz.notifier.message_id": "\(stored.id)", "miz.notifier.template": "\(stored.template.rawValue)",
                    "miz.notifier.status": "\(stored.status.rawValue)",
                    "miz.mobile": "\(DeliveryRelay.masked(stored.recipient))",
                ])
        }
        return stored.receipt(duplicate: duplicate)
    }

    /// `notifier.status`: the receipt of an event's message.
    package func status(_ request: NotifierStatusRequest) async throws -> NotifierReceipt {
        guard let stored = try await store.message(eventId: request.eventId.trimmingCharacters(in: .whitespaces))
        else { throw BusError(.notFound, message: "پیامی با این شناسه رویداد یافت نشد.") }
        return stored.receipt(duplicate: false)
    }

    /// `notifier.devInbox`: the latest messages with their text, in development mode only.
    package func devInbox(_ request: NotifierDevInboxRequest) async throws -> NotifierDevInbox {
        guard isDevelopment else {
            throw BusError(.forbidden, message: "صندوق پیامک آزمایشی فقط در حالت توسعه در دسترس است.")
        }
        guard (1...200).contains(request.limit) else {
            throw BusError.invalidInput([FieldError(field: "limit", message: "تعداد باید بین ۱ تا ۲۰۰ باشد")])
        }
        return NotifierDevInbox(
            messages: try await store.latest(limit: request.limit).map {
                NotifierDevInbox.Message(
                    messageId: $0.id, eventId: $0.eventId, recipient: $0.recipient, template: $0.template,
                    text: $0.body,
                    status: $0.status, failureReason: $0.failureReason, createdAt: $0.createdAt)
            })
    }

    /// The request checked field by field and rendered.
    private func prepared(_ request: NotifierSendRequest) throws -> NewMessage {
        var problems: [FieldError] = []
        let eventId = request.eventId.trimmingCharacters(in: .whitespacesAndNewlines)
        if eventId.isEmpty || eventId.count > Self.maximumEventIdLength
            || eventId.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            problems.append(FieldError(field: "eventId", message: "شناسه رویداد معتبر نیست"))
        }
        var recipient: MobileNumber?
        do {
            recipient = try MobileNumber(validating: request.recipient)
        } catch {
            problems.append(FieldError(field: "recipient", message: error.persianMessage))
        }
        let template = NotificationTemplates.template(request.template, version: request.templateVersion)
        if let template {
            for name in template.parameters.subtracting(request.parameters.keys).sorted() {
                problems.append(FieldError(field: "parameters.\(name)", message: "این مقدار لازم است"))
            }
            for name in Set(request.parameters.keys).subtracting(template.parameters).sorted() {
                problems.append(FieldError(field: "parameters.\(name)", message: "این قالب چنین مقداری ندارد"))
            }
            for (name, value) in request.parameters.sorted(by: { $0.key < $1.key })
            where template.parameters.contains(name) {
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty || trimmed.count > Self.maximumParameterLength
                    || trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                {
                    problems.append(FieldError(field: "parameters.\(name)", message: "مقدار معتبر نیست"))
                }
            }
        } else {
            problems.append(FieldError(field: "templateVersion", message: "این نسخه از قالب وجود ندارد"))
        }
        guard problems.isEmpty, let recipient, let template else { throw BusError.invalidInput(problems) }
        let values = request.parameters.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let parameters = String(decoding: try encoder.encode(values), as: UTF8.self)
        return NewMessage(
            eventId: eventId, recipient: recipient.digits, template: template.kind, templateVersion: template.version,
            parameters: parameters, body: template.render(values))
    }
}
