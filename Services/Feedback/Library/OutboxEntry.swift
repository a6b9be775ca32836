import MizSchema

/// One notification waiting in the outbox for the notifier to accept it.
package struct OutboxEntry: Sendable, Equatable {
    package var id: Int64
    /// The `notifier.send` request, whose event id makes a repeated delivery harmless.
    package var request: NotifierSendRequest
    /// Attempts started so far, this one included.
    package var attempts: Int

    /// Makes an entry.
    package init(id: Int64, request: NotifierSendRequest, attempts: Int) {
        self.id = id
        self.request = request
        self.attempts = attempts
    }
}
