/// The request of `feedback.messageClose`: one message by its number.
public struct MessageQuery: Codable, Sendable, Equatable {
    /// The message's number, with or without its dash.
    public var messageNumber: String

    /// Makes the query.
    public init(messageNumber: String) {
        self.messageNumber = messageNumber
    }
}
