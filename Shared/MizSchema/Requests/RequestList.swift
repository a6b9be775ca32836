/// The reply of `requests.mine`: one page of a citizen's requests.
public struct RequestList: Codable, Sendable, Equatable {
    /// The requests of this page.
    public var items: [RequestSummary]
    /// All requests that match, over every page.
    public var total: Int
    /// The page, from 1.
    public var page: Int
    /// Requests per page.
    public var pageSize: Int

    /// Makes the reply.
    public init(items: [RequestSummary], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }
}
