/// The request of `feedback.statistics`, staff only: figures per service and province,
/// limited to the provinces the caller works for.
public struct FeedbackStatisticsQuery: Codable, Sendable, Equatable {
    /// Only this service.
    public var serviceCode: String?
    /// Only this province.
    public var province: String?

    /// Makes the query.
    public init(serviceCode: String? = nil, province: String? = nil) {
        self.serviceCode = serviceCode
        self.province = province
    }
}
