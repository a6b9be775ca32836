import Foundation

/// The reply of `feedback.statistics`: one row per service and province that has surveys or
/// complaints, ordered by service then province.
public struct FeedbackStatistics: Codable, Sendable, Equatable {
    public var rows: [FeedbackStatisticsRow]
    /// When the figures were computed.
    public var computedAt: Date

    /// Makes the statistics.
    public init(rows: [FeedbackStatisticsRow], computedAt: Date) {
        self.rows = rows
        self.computedAt = computedAt
    }
}
