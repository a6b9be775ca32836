import MizSchema

/// Who is looking at a page, as far as the layout cares: the header offers «ورود به سامانه»
/// to a visitor who is not logged in, «پنل کاربری» to a citizen and «کارتابل» to staff.
///
/// It is a task-local value, bound once per request by `PageVisitorMiddleware` from the
/// session that `AuthMiddleware` resolved. Every page, error pages included, renders the
/// layout far below the handler that holds the request context; a task-local gives them all
/// the same answer without threading the context through each page's helpers for one link.
/// Outside a request (tests rendering a template alone) it is `anonymous`.
package enum PageVisitor: Sendable, Equatable {
    case anonymous, citizen, staff

    /// The visitor of the request being handled.
    @TaskLocal package static var current: PageVisitor = .anonymous

    /// The visitor a resolved session (or none) stands for.
    package init(session: IdentitySessionStatus?) {
        switch session?.caller.kind {
        case .citizen: self = .citizen
        case .staff: self = .staff
        case .anonymous, .service, nil: self = .anonymous
        }
    }
}
