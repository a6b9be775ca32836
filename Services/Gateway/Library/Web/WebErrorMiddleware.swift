import HTTPTypes
import Hummingbird
import Logging
import MizSchema

/// Turns every failure of a page (anything outside `/api/`) into a Persian HTML page: 404 for
/// an unknown address, service or province, 503 when the catalog cannot answer, 500 for the
/// rest, never a trace. API paths fall through to the JSON errors of `BusErrorMiddleware`.
package struct WebErrorMiddleware: RouterMiddleware {
    /// The gateway's request context.
    package typealias Context = GatewayRequestContext

    let site: WebSite?

    /// Makes the middleware; without a site it answers with a fixed page.
    package init(site: WebSite?) {
        self.site = site
    }

    /// Passes API requests on untouched, and renders the failure of any other as a page.
    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard !(path == "/api" || path.hasPrefix("/api/")) else {
            return try await next(request, context)
        }
        do {
            return try await next(request, context)
        } catch let error as BusError {
            if error.code == .internal {
                context.logger.error("page failed", metadata: ["miz.error": "\(error)"])
            } else if error.code.isTransient {
                context.logger.warning("page unavailable", metadata: ["miz.error": "\(error)"])
            }
            return page(for: error)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            return page(for: BusError(.notFound, message: Self.pageNotFound))
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return page(
                status: error.status, heading: "درخواست پذیرفته نشد", message: "نشانی یا اطلاعات فرستاده‌شده معتبر نیست."
            )
        } catch {
            context.logger.error("page failed", metadata: ["miz.error": "\(error)"])
            return page(for: BusError(.internal))
        }
    }

    /// The message of an unknown address.
    static let pageNotFound =
        "صفحه یا نشانی درخواستی یافت نشد. شاید نشانی را اشتباه وارد کرده‌اید یا این صفحه دیگر وجود ندارد."

    /// The page of a bus error.
    func page(for error: BusError) -> Response {
        switch error.code {
        case .notFound:
            return page(status: .notFound, heading: "یافت نشد", message: error.message, offerSearch: true)
        case .unavailable, .timeout, .tooManyRequests:
            return page(
                status: .serviceUnavailable, heading: "سامانه موقتاً در دسترس نیست",
                message: "پاسخ‌گویی به این صفحه اکنون ممکن نیست. لطفاً چند لحظه بعد دوباره تلاش کنید.",
                offerRetry: true, retryAfter: 5)
        case .invalidInput:
            return page(status: .badRequest, heading: "درخواست پذیرفته نشد", message: error.message)
        case .unauthorized, .forbidden:
            return page(
                status: HTTPErrorMapping.status(for: error.code), heading: "دسترسی ممکن نیست", message: error.message)
        default:
            return page(
                status: HTTPErrorMapping.status(for: error.code), heading: "خطایی در سامانه رخ داد",
                message: ErrorCode.internal.defaultPersianMessage, offerRetry: true)
        }
    }

    func page(
        status: HTTPResponse.Status, heading: String, message: String, offerSearch: Bool = false,
        offerRetry: Bool = false, retryAfter: Int? = nil
    ) -> Response {
        guard let site else { return WebResponse.html(WebResponse.brokenSite, status: .internalServerError) }
        let view = ErrorView(heading: heading, message: message, offerSearch: offerSearch, offerRetry: offerRetry)
        let meta = site.meta(title: heading, description: message, section: .other)
        guard let html = try? site.templates.render(Page(meta: meta, content: view), template: "error") else {
            return WebResponse.html(WebResponse.brokenSite, status: .internalServerError)
        }
        return WebResponse.html(html, status: status, retryAfter: retryAfter)
    }
}
