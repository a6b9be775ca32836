import HTTPTypes
import Hummingbird
import Logging

/// Honours an incoming `traceparent` header, so the caller's trace continues through the bus,
/// and answers with the `traceparent` of the gateway's span.
package struct TraceMiddleware: RouterMiddleware {
    package typealias Context = GatewayRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let header = request.headers[.traceparent], let traceId = TraceContext.traceId(fromTraceparent: header) {
            context.traceId = traceId
        }
        var response = try await next(request, context)
        response.headers[.traceparent] = TraceContext.traceparent(traceId: context.traceId)
        return response
    }
}

extension HTTPField.Name {
    /// The W3C Trace Context header.
    static let traceparent = HTTPField.Name("traceparent")!
}
