/// The request of `notifier.status`: the event whose message to look up.
public struct NotifierStatusRequest: Codable, Sendable, Equatable {
    /// The event id given to `notifier.send`.
    public var eventId: String

    /// Makes the request.
    public init(eventId: String) {
        self.eventId = eventId
    }
}
