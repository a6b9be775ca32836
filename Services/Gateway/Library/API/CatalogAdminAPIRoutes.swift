import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizSchema
import NIOCore

/// The administrators' catalog API under `/api/v1/catalog` (documented in
/// `Resources/openapi.json`), for editing the service profiles (شناسنامه خدمت):
///
/// - `GET /api/v1/catalog/services?q=&status=&province=&category=&page=&pageSize=`: every
///   service, deactivated ones too (`status` `all`, `active` or `inactive`);
/// - `POST /api/v1/catalog/services`: a new service (a `ServiceProfileDraft`), version 1;
/// - `GET /api/v1/catalog/services/{code}`: the current version, active or not;
/// - `POST /api/v1/catalog/services/{code}/versions`: the next version (`baseVersion`,
///   `profile`, optional `active`);
/// - `GET /api/v1/catalog/services/{code}/versions`: every version, newest first (staff);
/// - `GET /api/v1/catalog/services/{code}/versions/{version}`: a past version;
/// - `POST /api/v1/catalog/services/{code}/deactivate` and `…/reactivate` (`baseVersion`).
///
/// The gateway asks only for a session (401 without one) and forwards the session's caller:
/// who may read or change what is the catalog's decision (writes are for administrators, the
/// list of deactivated services for staff). Replies are never cached (`no-store`); after a
/// write the public reply cache of this gateway is emptied, so this instance shows the edit
/// at once and every other within the cache's lifetime. A write carries the client's
/// `Idempotency-Key`, or one made for this HTTP request so a retry on the bus acts once.
package struct CatalogAdminAPIRoutes: Sendable {
    /// How long a catalog call may take.
    static let timeout: Duration = .seconds(8)
    /// The largest JSON body accepted: a profile with every list at its limit fits.
    static let maximumBodySize = 1024 * 1024

    let client: BusClient
    /// The public reply cache, emptied after each write.
    let cache: CatalogReplyCache

    /// Routes over `client`, emptying `cache` after each write.
    package init(client: BusClient, cache: CatalogReplyCache) {
        self.client = client
        self.cache = cache
    }

    /// Adds the routes to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        let api = router.group("api/v1/catalog")
        api.get("services") { request, context in
            try InboxAPIRoutes.requireSession(context)
            let list = try CatalogStaffListParameters(query: APIQueryParameters(query: request.uri.query))
            do {
                let results = try await call(Routes.Catalog.list, list.listRequest, context)
                return try AuthAPIRoutes.json(ServiceSearchPage(results))
            } catch let error as BusError {
                throw CatalogAPIRoutes.inAPITerms(error)
            }
        }
        api.post("services") { request, context in
            try InboxAPIRoutes.requireSession(context)
            let draft = try await Self.decode(ServiceProfileDraft.self, from: request, prefix: "profile.")
            let profile = try await write(
                Routes.Catalog.create, CatalogCreateRequest(profile: draft), request: request, context: context)
            return try Self.created(profile)
        }
        api.get("services/{code}") { _, context in
            try InboxAPIRoutes.requireSession(context)
            let code = try Self.code(context)
            return try AuthAPIRoutes.json(
                try await call(Routes.Catalog.profile, CatalogProfileRequest(code: code), context))
        }
        api.post("services/{code}/versions") { request, context in
            try InboxAPIRoutes.requireSession(context)
            let code = try Self.code(context)
            let body = try await Self.decode(NewVersionBody.self, from: request, prefix: "")
            let edit = CatalogEditRequest(
                code: code, baseVersion: body.baseVersion, profile: body.profile, active: body.active)
            let profile = try await write(Routes.Catalog.edit, edit, request: request, context: context)
            return try Self.created(profile)
        }
        api.get("services/{code}/versions") { _, context in
            try InboxAPIRoutes.requireSession(context)
            let code = try Self.code(context)
            return try AuthAPIRoutes.json(
                try await call(Routes.Catalog.versions, CatalogVersionsRequest(code: code), context))
        }
        api.get("services/{code}/versions/{version}") { _, context in
            try InboxAPIRoutes.requireSession(context)
            let code = try Self.code(context)
            let parameters = try ServiceProfileParameters(
                code: code,
                query: APIQueryParameters(query: "version=" + (context.parameters.get("version") ?? "")))
            return try AuthAPIRoutes.json(try await call(Routes.Catalog.profile, parameters.profileRequest, context))
        }
        api.post("services/{code}/deactivate") { request, context in
            try InboxAPIRoutes.requireSession(context)
            let code = try Self.code(context)
            let body = try await Self.decodeOptional(BaseVersionBody.self, from: request)
            let change = CatalogDeactivateRequest(code: code, baseVersion: body?.baseVersion)
            return try AuthAPIRoutes.json(
                try await write(Routes.Catalog.deactivate, change, request: request, context: context))
        }
        api.post("services/{code}/reactivate") { request, context in
            try InboxAPIRoutes.requireSession(context)
            let code = try Self.code(context)
            let body = try await Self.decodeOptional(BaseVersionBody.self, from: request)
            let change = CatalogReactivateRequest(code: code, baseVersion: body?.baseVersion)
            return try AuthAPIRoutes.json(
                try await write(Routes.Catalog.reactivate, change, request: request, context: context))
        }
    }

    /// The body of `POST …/versions`: `CatalogEditRequest` without the code, which the path
    /// gives.
    struct NewVersionBody: Decodable {
        var baseVersion: Int?
        var profile: ServiceProfileDraft
        var active: Bool?
    }

    /// The body of `POST …/deactivate` and `…/reactivate`; it may be left out.
    struct BaseVersionBody: Decodable {
        var baseVersion: Int?
    }

    /// Calls a write route with the request's idempotency key, then empties the reply cache.
    func write<BusRequest: Encodable & Sendable>(
        _ route: Route<BusRequest, ServiceProfile>, _ busRequest: BusRequest, request: Request,
        context: GatewayRequestContext
    ) async throws -> ServiceProfile {
        let profile = try await client.call(
            route, busRequest, timeout: Self.timeout, caller: context.caller,
            idempotencyKey: InboxAPIRoutes.key(request),
            traceId: context.traceId)
        cache.removeAll()
        return profile
    }

    func call<BusRequest: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<BusRequest, Reply>, _ request: BusRequest, _ context: GatewayRequestContext
    ) async throws -> Reply {
        try await client.call(route, request, timeout: Self.timeout, caller: context.caller, traceId: context.traceId)
    }

    /// `201 Created` with the stored version and its address.
    static func created(_ profile: ServiceProfile) throws -> Response {
        var response = try AuthAPIRoutes.json(profile, status: .created)
        response.headers[.location] = "/api/v1/catalog/services/\(profile.code)/versions/\(profile.version)"
        return response
    }

    /// The service code of the path; 404 when it cannot be one, as the catalog would answer.
    static func code(_ context: GatewayRequestContext) throws -> String {
        let code = context.parameters.get("code") ?? ""
        guard ServiceProfileParameters.isServiceCode(code) else {
            throw BusError(.notFound, message: APIMessages.unknownService)
        }
        return code
    }

    /// The JSON body decoded as `T`, or `invalidInput` naming the part that is missing or of
    /// the wrong type (its path under `prefix`, as the catalog names fields).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, prefix: String) async throws
        -> T
    {
        let body = try await collect(request)
        return try decode(type, from: body, prefix: prefix)
    }

    /// As `decode`, but nil for an empty body.
    static func decodeOptional<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T? {
        let body = try await collect(request)
        guard body.readableBytes > 0 else { return nil }
        return try decode(type, from: body, prefix: "")
    }

    private static func collect(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maximumBodySize)
        } catch {
            throw BusError(.invalidInput, message: "بدنه درخواست بزرگ‌تر از یک مگابایت است.")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, prefix: String) throws -> T {
        do {
            return try WireCoding.decoder.decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw BusError.invalidInput([FieldError(decodingError: error, prefix: prefix)])
        }
    }
}

extension FieldError {
    /// The field a JSON decoding failure points at, with a Persian message for it.
    init(decodingError error: DecodingError, prefix: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return text.isEmpty ? "body" : prefix + text
        }
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: path(context.codingPath + [key]), message: "این مقدار باید در درخواست بیاید.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            self.init(field: path(context.codingPath), message: "نوع این مقدار درست نیست.")
        case .dataCorrupted(let context):
            self.init(
                field: path(context.codingPath),
                message: context.codingPath.isEmpty ? "بدنه درخواست JSON معتبر نیست." : "این مقدار پذیرفتنی نیست.")
        @unknown default:
            self.init(field: "body", message: "بدنه درخواست خوانا نیست.")
        }
    }
}
