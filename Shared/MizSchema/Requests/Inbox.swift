/// The reply of `requests.inbox`: a page sorted by due date, the total, and how many
/// requests of the caller's provinces (under the same service filter) are in each status.
public struct Inbox: Codable, Sendable, Equatable {
    /// The requests of this page, soonest due first.
    public var items: [RequestSummary]
    /// All requests that match the filters.
    public var total: Int
    /// Requests per status, regardless of the status and date filters.
    public var counts: [String: Int]
    /// The page, from 1.
    public var page: Int
    /// Requests per page.
    public var pageSize: Int

    /// Makes the reply.
    public init(items: [RequestSummary], total: Int, counts: [String: Int], page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.counts = counts
        self.page = page
        self.pageSize = pageSize
    }
}
