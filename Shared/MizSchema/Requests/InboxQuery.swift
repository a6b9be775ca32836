/// The request of `requests.inbox`: an official's requests, filtered, by due date.
public struct InboxQuery: Codable, Sendable, Equatable {
    /// Only these statuses; empty for all.
    public var statuses: [RequestStatus]
    /// Only this service.
    public var serviceCode: String?
    /// Only this province (one of the caller's); nil for all of the caller's.
    public var province: String?
    /// Submitted on or after this Jalali day, e.g. «۱۴۰۵/۰۱/۰۱».
    public var submittedFrom: String?
    /// Submitted on or before this Jalali day.
    public var submittedTo: String?
    /// Only requests past their due date that still wait on the province.
    public var overdueOnly: Bool
    /// The page, from 1.
    public var page: Int
    /// Requests per page, 1…100.
    public var pageSize: Int

    /// Makes the query.
    public init(
        statuses: [RequestStatus] = [], serviceCode: String? = nil, province: String? = nil,
        submittedFrom: String? = nil, submittedTo: String? = nil, overdueOnly: Bool = false, page: Int = 1,
        pageSize: Int = 20
    ) {
        self.statuses = statuses
        self.serviceCode = serviceCode
        self.province = province
        self.submittedFrom = submittedFrom
        self.submittedTo = submittedTo
        self.overdueOnly = overdueOnly
        self.page = page
        self.pageSize = pageSize
    }

    /// Reads the query; a key left out takes its default (all statuses, not only overdue,
    /// page 1 of 20).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        statuses = try container.decodeIfPresent([RequestStatus].self, forKey: .statuses) ?? []
        serviceCode = try container.decodeIfPresent(String.self, forKey: .serviceCode)
        province = try container.decodeIfPresent(String.self, forKey: .province)
        submittedFrom = try container.decodeIfPresent(String.self, forKey: .submittedFrom)
        submittedTo = try container.decodeIfPresent(String.self, forKey: .submittedTo)
        overdueOnly = try container.decodeIfPresent(Bool.self, forKey: .overdueOnly) ?? false
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 1
        pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? 20
    }
}
