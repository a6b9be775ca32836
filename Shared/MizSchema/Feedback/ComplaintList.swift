/// The reply of `feedback.complaints`: one page, oldest open ones first.
public struct ComplaintList: Codable, Sendable, Equatable {
    /// The complaints of this page.
    public var items: [Complaint]
    /// How many match in all.
    public var total: Int
    /// The page and its size.
    public var page: Int
    public var pageSize: Int

    /// Makes the list.
    public init(items: [Complaint], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }
}
