/// The request of `notifier.devInbox`: how many of the latest messages to show.
public struct NotifierDevInboxRequest: Codable, Sendable, Equatable {
    /// At most this many messages, newest first (1–200; default 50).
    public var limit: Int

    /// Makes the request.
    public init(limit: Int = 50) {
        self.limit = limit
    }
}
