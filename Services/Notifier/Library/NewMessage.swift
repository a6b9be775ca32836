import MizSchema

/// A message the routes have validated and rendered, ready to be queued.
package struct NewMessage: Sendable, Equatable {
    package var eventId: String
    /// Canonical "09…".
    package var recipient: String
    package var template: NotificationKind
    package var templateVersion: Int
    /// The parameters as sorted-key JSON: with recipient and template, what makes a repeated
    /// event id the same message.
    package var parameters: String
    package var body: String

    /// Makes a message.
    package init(
        eventId: String, recipient: String, template: NotificationKind, templateVersion: Int, parameters: String,
        body: String
    ) {
        self.eventId = eventId
        self.recipient = recipient
        self.template = template
        self.templateVersion = templateVersion
        self.parameters = parameters
        self.body = body
    }
}
