import Hummingbird

/// Binds `PageVisitor.current` for the rest of a request, from the session `AuthMiddleware`
/// put in the context, so the layout knows which entry the header shows.
package struct PageVisitorMiddleware: RouterMiddleware {
    package typealias Context = GatewayRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await PageVisitor.$current.withValue(PageVisitor(session: context.session)) {
            try await next(request, context)
        }
    }
}
