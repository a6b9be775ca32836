/// The request of `feedback.complaints`: a citizen's own complaints, or the complaints of the
/// provinces a staff member works for (all of them, escalated ones included, for a national
/// administrator).
public struct ComplaintListQuery: Codable, Sendable, Equatable {
    /// Only this province (staff); nil for all the caller may see.
    public var province: String?
    /// Only this status.
    public var status: ComplaintStatus?
    /// Only complaints unanswered past their due date.
    public var escalatedOnly: Bool
    /// The page, from 1.
    public var page: Int
    /// Complaints per page, 1 to 100.
    public var pageSize: Int

    /// Makes the query.
    public init(
        province: String? = nil, status: ComplaintStatus? = nil, escalatedOnly: Bool = false, page: Int = 1,
        pageSize: Int = 20
    ) {
        self.province = province
        self.status = status
        self.escalatedOnly = escalatedOnly
        self.page = page
        self.pageSize = pageSize
    }
}
