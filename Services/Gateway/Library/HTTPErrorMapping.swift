import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MizSchema

/// The one mapping from the bus's `ErrorCode` to HTTP, and the JSON error body every API
/// route answers with: `{ "error": { "code", "message", "fields" } }`.
package enum HTTPErrorMapping {
    /// The HTTP status of an error code.
    package static func status(for code: ErrorCode) -> HTTPResponse.Status {
        switch code {
        case .invalidInput: .badRequest
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .timeout: .gatewayTimeout
        case .internal: .internalServerError
        }
    }

    /// The JSON body of an error.
    package struct Body: Codable, Sendable, Equatable {
        package var error: BusError

        package init(error: BusError) { self.error = error }
    }

    /// The response for an error, JSON in UTF-8 with the Persian message.
    package static func response(for error: BusError) -> Response {
        let data = (try? WireCoding.encoder.encode(Body(error: error))) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if error.code == .tooManyRequests || error.code == .unavailable {
            headers[.retryAfter] = "5"
        }
        return Response(
            status: status(for: error.code), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Turns a `BusError` thrown by any route into its HTTP response, and anything else into a
/// logged `internal` error, so no route shapes errors on its own.
package struct BusErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as BusError {
            return HTTPErrorMapping.response(for: error)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            return HTTPErrorMapping.response(for: BusError(.notFound, message: "صفحه یا نشانی درخواستی یافت نشد."))
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return HTTPErrorMapping.response(for: BusError(.invalidInput))
        } catch {
            context.logger.error("request failed", metadata: ["miz.error": "\(error)"])
            return HTTPErrorMapping.response(for: BusError(.internal))
        }
    }
}
