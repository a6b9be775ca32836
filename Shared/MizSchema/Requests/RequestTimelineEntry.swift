import Foundation

/// One step of a request's public timeline: the status it reached and when.
public struct RequestTimelineEntry: Codable, Sendable, Equatable {
    /// The status reached.
    public var status: RequestStatus
    /// When.
    public var at: Date

    /// Makes an entry.
    public init(status: RequestStatus, at: Date) {
        self.status = status
        self.at = at
    }
}
