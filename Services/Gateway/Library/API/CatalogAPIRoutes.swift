import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizSchema

/// The catalog's JSON API under `/api/v1`, as `Resources/openapi.json` (the contract) says:
///
/// - `GET /api/v1/services?q=&province=&category=&page=&pageSize=`: search, or list without `q`;
/// - `GET /api/v1/services/{code}?version=`: a service's profile (شناسنامه خدمت);
/// - `GET /api/v1/provinces` and `GET /api/v1/categories`, for filters and the map;
/// - `GET /api/v1/openapi.json`: the contract itself.
///
/// Every catalog read answers with a strong `ETag` (a hash of the exact body) and
/// `Cache-Control: public, no-cache`, and `304 Not Modified` when `If-None-Match` names the
/// current tag. Replies are kept for at most a second in `CatalogReplyCache`, keyed by the
/// normalized request, which is why an edit shows on every gateway instance within a second.
/// Bad parameters are answered 400 in Persian before any bus call when the gateway can tell
/// on its own; the catalog's own refusals pass through, with its field names turned into the
/// API's parameter names.
package struct CatalogAPIRoutes: Sendable {
    /// How long a catalog read may take before the API answers 504.
    package static let defaultTimeout: Duration = .seconds(5)

    let client: BusClient
    /// The reply cache; one per gateway process.
    package let cache: CatalogReplyCache
    let timeout: Duration

    /// Routes over `client`, with a fresh reply cache of the default lifetime.
    package init(client: BusClient) {
        self.init(client: client, cache: CatalogReplyCache())
    }

    /// Routes over `client` and `cache`; tests pass their own cache or timeout.
    package init(client: BusClient, cache: CatalogReplyCache, timeout: Duration = CatalogAPIRoutes.defaultTimeout) {
        self.client = client
        self.cache = cache
        self.timeout = timeout
    }

    /// Adds the routes to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        let api = router.group("api/v1")
        api.get("services") { request, context in
            try await services(request, context: context)
        }
        api.get("services/{code}") { request, context in
            try await profile(request, context: context)
        }
        api.get("provinces") { request, context in
            try await cached(
                Routes.Catalog.provinces, CatalogProvincesRequest(), traceId: context.traceId, render: { $0 }
            ).response(to: request)
        }
        api.get("categories") { request, context in
            try await cached(
                Routes.Catalog.categories, CatalogCategoriesRequest(), traceId: context.traceId, render: { $0 }
            ).response(to: request)
        }
        api.get("openapi.json") { request, _ in
            guard let reply = Self.openAPIReply else { throw BusError(.internal) }
            return reply.response(to: request)
        }
    }

    /// `GET /api/v1/services`: `catalog.search` with `q`, `catalog.list` (title order) without.
    func services(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let parameters = try ServiceSearchParameters(query: APIQueryParameters(query: request.uri.query))
        let reply =
            if parameters.text.isEmpty {
                try await cached(
                    Routes.Catalog.list, parameters.listRequest, traceId: context.traceId,
                    render: ServiceSearchPage.init)
            } else {
                try await cached(
                    Routes.Catalog.search, parameters.searchQuery, traceId: context.traceId,
                    render: ServiceSearchPage.init)
            }
        return reply.response(to: request)
    }

    /// `GET /api/v1/services/{code}`: the current profile, or a past version, which never
    /// changes and so may be cached for a day.
    func profile(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let parameters = try ServiceProfileParameters(
            code: context.parameters.get("code") ?? "", query: APIQueryParameters(query: request.uri.query))
        let reply = try await cached(
            Routes.Catalog.profile, parameters.profileRequest, traceId: context.traceId,
            cacheControl: parameters.version == nil ? APIReply.revalidate : APIReply.immutable, render: { $0 })
        return reply.response(to: request)
    }

    /// The reply to a catalog read, from the cache or from one bus call shared by everyone
    /// asking the same at that moment.
    ///
    /// The key is the route and the canonical JSON of the normalized request. The call
    /// carries the trace id of the request that made it; others that wait for it keep theirs.
    func cached<BusRequest: Encodable & Sendable, BusReply: Decodable & Sendable, Body: Encodable & Sendable>(
        _ route: Route<BusRequest, BusReply>,
        _ busRequest: BusRequest,
        traceId: String,
        cacheControl: String = APIReply.revalidate,
        render: @escaping @Sendable (BusReply) -> Body
    ) async throws -> APIReply {
        let key = try Self.cacheKey(route.name, busRequest)
        let client = client
        let timeout = timeout
        return try await cache.reply(for: key) {
            do {
                let reply = try await client.call(
                    route, busRequest, timeout: timeout, caller: .anonymous, traceId: traceId)
                return try APIReply(encoding: render(reply), cacheControl: cacheControl)
            } catch let error as BusError {
                throw Self.inAPITerms(error)
            }
        }
    }

    /// The cache key of a request: the route's name and the request's canonical JSON.
    static func cacheKey(_ route: String, _ request: some Encodable) throws(BusError) -> String {
        do {
            return route + " " + String(decoding: try APIReply.encoder.encode(request), as: UTF8.self)
        } catch {
            throw BusError(.internal)
        }
    }

    /// The catalog's error with its request field names turned into the API's parameter
    /// names (`text` is `q`), so a client can put each message beside the right input.
    static func inAPITerms(_ error: BusError) -> BusError {
        var translated = error
        translated.fields = error.fields.map { field in
            var field = field
            if let name = apiFieldNames[field.field] { field.field = name }
            return field
        }
        return translated
    }

    /// The catalog's request fields whose API parameter has another name.
    static let apiFieldNames = ["text": "q"]
}
