import HTTPTypes
import Hummingbird
import MizSchema

/// CSRF protection of the JSON API: a state-changing request authenticated by the session
/// cookie must carry the `X-CSRF-Token` header equal to the `miz_csrf` cookie. A request with
/// `Authorization: Bearer` is exempt (a browser never adds that header on its own), and so is
/// one with no session at all. The pages' forms check their hidden field in `WebForm`.
package struct CSRFMiddleware: RouterMiddleware {
    package typealias Context = GatewayRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let safe: [HTTPRequest.Method] = [.get, .head, .options]
        let changesState = !safe.contains(request.method)
        if changesState, request.uri.path.hasPrefix("/api/"), context.isCookieSession {
            guard let expected = request.cookies[SessionCookie.csrfName]?.value,
                let sent = request.headers[SessionCookie.csrfHeader], SessionCookie.same(expected, sent)
            else {
                throw BusError(.forbidden, message: "درخواست بدون نشانهٔ امنیتی (CSRF) معتبر پذیرفته نمی‌شود.")
            }
        }
        return try await next(request, context)
    }
}
