import Foundation
import MizSchema

extension FeedbackRoutes {
    /// `feedback.statistics`: per service and province, survey averages and counts, complaints
    /// by status, escalated complaints and the median time to answer, over the provinces the
    /// caller works for.
    package func statistics(_ request: FeedbackStatisticsQuery, caller: Caller) async throws -> FeedbackStatistics {
        let scope = try FeedbackAccess.staffScope(caller)
        var problems: [FieldError] = []
        let province = FeedbackInput.province(request.province, problems: &problems)
        let serviceCode = FeedbackInput.serviceCode(request.serviceCode, problems: &problems)
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        if let province, !FeedbackAccess.covers(scope, province: province) {
            throw BusError(.forbidden, message: "شما برای این استان دسترسی ندارید.")
        }
        let moment = now()
        let sample = try await store.statisticsSample(provinces: scope, serviceCode: serviceCode, province: province)
        return FeedbackStatistics(rows: Self.rows(of: sample, at: moment), computedAt: moment)
    }

    /// One row per service and province present in `sample`, ordered by service then province.
    static func rows(of sample: StatisticsSample, at moment: Date) -> [FeedbackStatisticsRow] {
        struct Key: Hashable, Comparable {
            var serviceCode: String
            var province: String
            static func < (left: Key, right: Key) -> Bool {
                (left.serviceCode, left.province) < (right.serviceCode, right.province)
            }
        }
        let surveys = Dictionary(grouping: sample.surveys) { Key(serviceCode: $0.serviceCode, province: $0.province) }
        let complaints = Dictionary(grouping: sample.complaints) {
            Key(serviceCode: $0.serviceCode, province: $0.province)
        }
        return Set(surveys.keys).union(complaints.keys).sorted().map { key in
            let answers = surveys[key] ?? []
            let filed = complaints[key] ?? []
            let count = Double(answers.count)
            var byStatus = Dictionary(uniqueKeysWithValues: ComplaintStatus.allCases.map { ($0.rawValue, 0) })
            for complaint in filed { byStatus[complaint.status.rawValue, default: 0] += 1 }
            let hours = filed.compactMap { complaint in
                complaint.answeredAt.map { $0.timeIntervalSince(complaint.createdAt) / 3600 }
            }
            return FeedbackStatisticsRow(
                serviceCode: key.serviceCode, province: key.province, surveyCount: answers.count,
                averageSatisfaction: answers.isEmpty ? nil : Double(answers.map(\.satisfaction).reduce(0, +)) / count,
                onTimeShare: answers.isEmpty ? nil : Double(answers.filter(\.onTime).count) / count,
                explanationClearShare: answers.isEmpty ? nil : Double(answers.filter(\.explanationClear).count) / count,
                complaintsByStatus: byStatus,
                escalatedComplaints: filed.filter { $0.status.isOpen && moment >= $0.dueAt }.count,
                medianHoursToAnswer: median(hours))
        }
    }

    /// The median of `values`; the mean of the middle two for an even count; nil when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
