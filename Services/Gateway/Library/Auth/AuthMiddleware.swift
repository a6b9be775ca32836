import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MizBus
import MizSchema

/// Reads the session token of a request (`Authorization: Bearer` or the `miz_session`
/// cookie), resolves it through `identity.session` (with `SessionCache`), and puts the session
/// in the request context, from which every bus call takes its `Caller`.
///
/// Nothing else sets the caller: headers a client sends that look like one (`X-Miz-Caller`,
/// `X-Forwarded-User`, …) are never read. A token that does not resolve makes the request
/// anonymous; a page then asks to log in, an API route answers 401.
package struct AuthMiddleware: RouterMiddleware {
    package typealias Context = GatewayRequestContext

    let client: BusClient
    let cache: SessionCache

    package init(client: BusClient, cache: SessionCache) {
        self.client = client
        self.cache = cache
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let found = SessionCookie.token(of: request), let status = await resolve(found.token, context: context) {
            context.session = status
            context.sessionToken = found.token
            context.isCookieSession = found.fromCookie
        }
        return try await next(request, context)
    }

    /// The session of a token, from the cache or the identity service; nil when invalid.
    func resolve(_ token: String, context: Context) async -> IdentitySessionStatus? {
        if let cached = cache.status(for: token) { return cached }
        do {
            let status = try await client.call(
                Routes.Identity.session, IdentitySessionRequest(token: token), timeout: .seconds(3),
                caller: Caller(kind: .anonymous, clientAddress: context.clientAddress), traceId: context.traceId)
            cache.store(status, for: token)
            return status
        } catch let error as BusError where error.code == .unauthorized {
            return nil
        } catch {
            context.logger.warning("session not resolved", metadata: ["miz.error": "\(error)"])
            return nil
        }
    }
}
