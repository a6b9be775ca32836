/// The request of `notifier.send`: one SMS for one event.
public struct NotifierSendRequest: Codable, Sendable, Equatable {
    /// The sender's unique id of the event, such as `requests:1405-23-000123:received`; the
    /// notifier sends at most one message per event id.
    public var eventId: String
    /// The recipient's mobile number in any accepted form ("0912…", "+98912…", Persian digits).
    public var recipient: String
    /// Which template to render.
    public var template: NotificationKind
    /// The template's parameters by name.
    public var parameters: [String: String]
    /// The template version to render; nil for the current one.
    public var templateVersion: Int?

    /// Makes the request.
    public init(
        eventId: String, recipient: String, template: NotificationKind, parameters: [String: String],
        templateVersion: Int? = nil
    ) {
        self.eventId = eventId
        self.recipient = recipient
        self.template = template
        self.parameters = parameters
        self.templateVersion = templateVersion
    }
}
