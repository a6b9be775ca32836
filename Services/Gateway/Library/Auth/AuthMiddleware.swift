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
///
/// It also settles the client address the services rate-limit by: the connection's peer, or,
/// when that peer is a trusted reverse proxy, the nearest address in `X-Forwarded-For` that is
/// not a trusted proxy (a client can prepend anything to that header, so only the entries
/// added by trusted proxies count).
package struct AuthMiddleware: RouterMiddleware {
    package typealias Context = GatewayRequestContext

    let client: BusClient
    let cache: SessionCache
    let trustedProxies: Set<String>

    /// The middleware over the bus; `trustedProxies` are the reverse proxies whose
    /// `X-Forwarded-For` is believed.
    package init(client: BusClient, cache: SessionCache, trustedProxies: Set<String> = []) {
        self.client = client
        self.cache = cache
        self.trustedProxies = trustedProxies
    }

    /// `X-Forwarded-For`.
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The client's address: the peer, or the forwarded client when the peer is trusted.
    func clientAddress(peer: String?, request: Request) -> String? {
        guard let peer, trustedProxies.contains(peer) else { return peer }
        let hops = request.headers[values: Self.forwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.reversed().first { !trustedProxies.contains($0) } ?? peer
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.clientAddress = clientAddress(peer: context.clientAddress, request: request)
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
