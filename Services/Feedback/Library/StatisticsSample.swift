import Foundation
import MizSchema

/// The stored facts statistics are computed from, for the provinces and service asked.
package struct StatisticsSample: Sendable, Equatable {
    /// One survey's figures.
    package struct SurveyFacts: Sendable, Equatable {
        package var serviceCode: String
        package var province: String
        package var satisfaction: Int
        package var onTime: Bool
        package var explanationClear: Bool
    }

    /// One complaint's figures.
    package struct ComplaintFacts: Sendable, Equatable {
        package var serviceCode: String
        package var province: String
        package var status: ComplaintStatus
        package var createdAt: Date
        package var answeredAt: Date?
        package var dueAt: Date
    }

    package var surveys: [SurveyFacts]
    package var complaints: [ComplaintFacts]

    /// Makes a sample.
    package init(surveys: [SurveyFacts], complaints: [ComplaintFacts]) {
        self.surveys = surveys
        self.complaints = complaints
    }
}
