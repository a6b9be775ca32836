/// The request of `identity.auditList`: one page of the identity service's audit log, newest
/// first (administrators only), optionally narrowed to one actor, one kind of action and a
/// range of Jalali days, so an administrator can answer "what did this account do last week".
public struct IdentityAuditListRequest: Codable, Sendable, Equatable {
    /// The page, from 1.
    public var page: Int
    /// Rows per page, 1 to 100.
    public var pageSize: Int
    /// Only rows of this actor: a staff user name, `desk`, or a user name tried at a login;
    /// compared in lower case with any digits made Latin. Nil or blank for every actor.
    public var actor: String?
    /// Only rows of this action, one of ``IdentityAuditEntry/actions``; nil for every action.
    public var action: String?
    /// Only rows on or after this Jalali day in Tehran, typed in any digits («۱۴۰۵/۰۲/۰۱»).
    public var from: String?
    /// Only rows on or before this Jalali day in Tehran (the whole day is included).
    public var to: String?

    /// Makes the request.
    public init(
        page: Int = 1, pageSize: Int = 50, actor: String? = nil, action: String? = nil, from: String? = nil,
        to: String? = nil
    ) {
        self.page = page
        self.pageSize = pageSize
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
    }

    private enum CodingKeys: String, CodingKey {
        case page, pageSize, actor, action, from, to
    }

    /// Reads the request; a key left out takes its default (page 1 of 50, no filter).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 1
        pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? 50
        actor = try container.decodeIfPresent(String.self, forKey: .actor)
        action = try container.decodeIfPresent(String.self, forKey: .action)
        from = try container.decodeIfPresent(String.self, forKey: .from)
        to = try container.decodeIfPresent(String.self, forKey: .to)
    }
}
