/// The request of `requests.mine`: a page of the logged-in citizen's own requests, newest first.
public struct RequestListQuery: Codable, Sendable, Equatable {
    /// The page, from 1.
    public var page: Int
    /// Requests per page, 1…100.
    public var pageSize: Int

    /// Makes the query.
    public init(page: Int = 1, pageSize: Int = 20) {
        self.page = page
        self.pageSize = pageSize
    }

    /// Reads the query; a key left out takes its default (page 1 of 20).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 1
        pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? 20
    }
}
