/// The request of `feedback.messages`: the messages of the provinces a staff member works
/// for; a national administrator sees every message, those without a province included.
public struct MessageListQuery: Codable, Sendable, Equatable {
    /// Only this province; nil for all the caller may see.
    public var province: String?
    /// Only this status.
    public var status: MessageStatus?
    /// Only this kind.
    public var kind: MessageKind?
    /// The page, from 1.
    public var page: Int
    /// Messages per page, 1 to 100.
    public var pageSize: Int

    /// Makes the query.
    public init(
        province: String? = nil, status: MessageStatus? = nil, kind: MessageKind? = nil, page: Int = 1,
        pageSize: Int = 20
    ) {
        self.province = province
        self.status = status
        self.kind = kind
        self.page = page
        self.pageSize = pageSize
    }
}
