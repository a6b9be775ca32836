import HTTPTypes
import Hummingbird

/// Binds `PageVisitor.current` for the rest of a request, from the session `AuthMiddleware`
/// put in the context, so the layout knows which entry the header shows. Pages therefore
/// differ by visitor, so every HTML answer says `Vary: Cookie`: a shared cache must not give
/// one visitor's header to another.
package struct PageVisitorMiddleware: RouterMiddleware {
    package typealias Context = GatewayRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await PageVisitor.$current.withValue(PageVisitor(session: context.session)) {
            try await next(request, context)
        }
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers.append(HTTPField(name: .vary, value: "Cookie"))
        }
        return response
    }
}
