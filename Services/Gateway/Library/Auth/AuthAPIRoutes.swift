import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizPersian
import MizSchema

/// The JSON API of logins, sessions and staff accounts under `/api/v1` (documented in
/// `Resources/openapi.json`):
///
/// - `POST /api/v1/auth/citizen/start` and `POST /api/v1/auth/citizen/verify`: the SMS login;
///   the reply of verify carries the token for `Authorization: Bearer`;
/// - `POST /api/v1/auth/staff/login`: an official's or administrator's login;
/// - `POST /api/v1/auth/logout`, `GET /api/v1/auth/me`;
/// - `GET /api/v1/staff`, `POST /api/v1/staff`, `POST /api/v1/staff/{username}/password`;
/// - `POST /api/v1/staff/{username}`: disable or re-enable an account, set an official's
///   provinces (`identity.staffUpdate`);
/// - `GET /api/v1/audit`: the audit log of logins and account changes, newest first; `actor`,
///   `action`, `from` and `to` (Jalali days, any digits) narrow it, `page` and `pageSize` page it.
///
/// Staff management and the audit log are for administrators.
///
/// Every call carries the request's caller; the identity service decides who may do what.
package struct AuthAPIRoutes: Sendable {
    let client: BusClient
    let cache: SessionCache
    /// How long an identity call may take (bcrypt is slow on purpose).
    static let timeout: Duration = .seconds(8)

    package init(client: BusClient, cache: SessionCache) {
        self.client = client
        self.cache = cache
    }

    /// Adds the routes to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        let api = router.group("api/v1")
        api.post("auth/citizen/start") { request, context in
            let body = try await request.decode(as: IdentityLoginStartRequest.self, context: context)
            return try Self.json(try await call(Routes.Identity.loginStart, body, context))
        }
        api.post("auth/citizen/verify") { request, context in
            let body = try await request.decode(as: IdentityLoginVerifyRequest.self, context: context)
            return try Self.json(try await call(Routes.Identity.loginVerify, body, context))
        }
        api.post("auth/staff/login") { request, context in
            let body = try await request.decode(as: IdentityStaffLoginRequest.self, context: context)
            return try Self.json(try await call(Routes.Identity.staffLogin, body, context))
        }
        api.post("auth/logout") { request, context in
            guard let token = context.sessionToken else { throw BusError(.unauthorized) }
            _ = try await call(Routes.Identity.logout, IdentitySessionRequest(token: token), context)
            cache.remove(token)
            var response = Response(status: .noContent)
            if context.isCookieSession { response.setCookie(SessionCookie.clearedSession(request: request)) }
            return response
        }
        api.get("auth/me") { _, context in
            guard let session = context.session else { throw BusError(.unauthorized) }
            return try Self.json(session)
        }
        api.get("staff") { _, context in
            try Self.json(try await call(Routes.Identity.staffList, IdentityStaffListRequest(), context))
        }
        api.post("staff") { request, context in
            let body = try await request.decode(as: IdentityStaffCreateRequest.self, context: context)
            return try Self.json(try await call(Routes.Identity.staffCreate, body, context), status: .created)
        }
        api.post("staff/{username}/password") { request, context in
            struct NewPassword: Decodable { var password: String }
            let body = try await request.decode(as: NewPassword.self, context: context)
            let username = context.parameters.get("username") ?? ""
            return try Self.json(
                try await call(
                    Routes.Identity.staffResetPassword,
                    IdentityStaffPasswordRequest(username: username, password: body.password), context))
        }
        api.post("staff/{username}") { request, context in
            struct Change: Decodable {
                var enabled: Bool?
                var provinces: [String]?
            }
            let body = try await request.decode(as: Change.self, context: context)
            let username = context.parameters.get("username") ?? ""
            let account = try await call(
                Routes.Identity.staffUpdate,
                IdentityStaffUpdateRequest(username: username, enabled: body.enabled, provinces: body.provinces),
                context)
            cache.removeStaff(id: account.id)
            return try Self.json(account)
        }
        api.get("audit") { request, context in
            let query = WebQuery(request.uri.query)
            let size = query["pageSize"].flatMap(PersianDigits.parseInteger) ?? 50
            return try Self.json(try await call(Routes.Identity.auditList, query.auditRequest(pageSize: size), context))
        }
    }

    func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, _ context: GatewayRequestContext
    ) async throws -> Reply {
        try await client.call(route, request, timeout: Self.timeout, caller: context.caller, traceId: context.traceId)
    }

    /// A JSON response in the API's encoding, never cached by anyone.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let reply = try APIReply(encoding: value, cacheControl: "no-store")
        return Response(
            status: status, headers: [.contentType: APIReply.contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: reply.body))
    }
}
