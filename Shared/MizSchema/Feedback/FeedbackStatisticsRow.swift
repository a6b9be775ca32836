/// The figures of one service in one province.
public struct FeedbackStatisticsRow: Codable, Sendable, Equatable {
    public var serviceCode: String
    public var province: String
    /// Surveys received.
    public var surveyCount: Int
    /// Mean overall satisfaction (1–5), nil without surveys.
    public var averageSatisfaction: Double?
    /// Share of surveys that said the request was on time (0–1), nil without surveys.
    public var onTimeShare: Double?
    /// Share of surveys that found the official's explanation clear (0–1), nil without surveys.
    public var explanationClearShare: Double?
    /// Complaints per status; every status is present, zero when none.
    public var complaintsByStatus: [String: Int]
    /// Complaints still unanswered past their due date.
    public var escalatedComplaints: Int
    /// The median time from registration to answer, in hours, over answered complaints;
    /// nil when none was answered.
    public var medianHoursToAnswer: Double?

    /// Makes the row.
    public init(
        serviceCode: String, province: String, surveyCount: Int, averageSatisfaction: Double?, onTimeShare: Double?,
        explanationClearShare: Double?, complaintsByStatus: [String: Int], escalatedComplaints: Int,
        medianHoursToAnswer: Double?
    ) {
        self.serviceCode = serviceCode
        self.province = province
        self.surveyCount = surveyCount
        self.averageSatisfaction = averageSatisfaction
        self.onTimeShare = onTimeShare
        self.explanationClearShare = explanationClearShare
        self.complaintsByStatus = complaintsByStatus
        self.escalatedComplaints = escalatedComplaints
        self.medianHoursToAnswer = medianHoursToAnswer
    }
}
