/// The reply of `feedback.messages`: one page, newest first.
public struct MessageList: Codable, Sendable, Equatable {
    public var items: [FeedbackMessage]
    /// How many match in all.
    public var total: Int
    public var page: Int
    public var pageSize: Int

    /// Makes the list.
    public init(items: [FeedbackMessage], total: Int, page: Int, pageSize: Int) {
        self.items = items
        self.total = total
        self.page = page
        self.pageSize = pageSize
    }
}
