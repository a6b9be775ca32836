import Foundation
import MizSchema

/// An SMS waiting in the outbox, as the relay claims it.
package struct OutboxEvent: Sendable, Equatable {
    package var id: Int64
    /// The notifier's de-duplication key, such as `requests:1405-23-000123:received`.
    package var eventId: String
    package var recipient: String
    package var template: NotificationKind
    package var parameters: [String: String]
    /// Attempts made, this one included.
    package var attempts: Int

    /// The `notifier.send` request of this event.
    package var sendRequest: NotifierSendRequest {
        NotifierSendRequest(eventId: eventId, recipient: recipient, template: template, parameters: parameters)
    }
}
