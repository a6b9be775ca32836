import Foundation

/// One change of a request: who did what, when, and the status it moved to.
public struct RequestHistoryEntry: Codable, Sendable, Equatable {
    /// The action, such as `submit`, `claim`, `askForFix`, `submitFix`, `approve`, `reject`,
    /// `withdraw`.
    public var action: String
    /// The status before the change.
    public var from: RequestStatus?
    /// The status after it.
    public var to: RequestStatus
    /// Who: `citizen`, or `staff:<id>`.
    public var actor: String
    /// When.
    public var at: Date
    /// The note the actor left (a fix message, rejection reasons), if any.
    public var note: String?

    /// Makes an entry.
    public init(action: String, from: RequestStatus?, to: RequestStatus, actor: String, at: Date, note: String?) {
        self.action = action
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
        self.note = note
    }
}
