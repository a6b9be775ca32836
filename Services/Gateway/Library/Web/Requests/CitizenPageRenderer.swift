import Foundation
import HTTPTypes
import Hummingbird
import MizSchema

/// Renders the citizen's request pages and checks their forms' CSRF field against the
/// `miz_csrf` cookie, as the login pages do.
package struct CitizenPageRenderer: Sendable {
    let site: WebSite?

    /// The message of a form whose CSRF field does not match the cookie.
    static let staleForm = "مهلت این فرم به پایان رسیده یا فرم از جای دیگری فرستاده شده است؛ صفحه را دوباره باز کنید."

    /// The request's CSRF token, or a new one that `render` sets as a cookie.
    func csrf(_ request: Request) -> String {
        request.cookies[SessionCookie.csrfName]?.value ?? SessionCookie.newCSRFToken()
    }

    /// A page: never stored by caches, with the CSRF cookie when it is new.
    func render(
        _ request: Request, template: String, title: String, csrf: String, content: some Sendable,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard let site else { throw BusError(.internal, message: "web resources unavailable") }
        return try site.privatePage(
            request, template: template, title: title, content: content, csrf: csrf, status: status)
    }

    /// The posted form, URL-encoded or multipart, after its CSRF field was checked.
    func checkedForm(_ request: Request) async throws -> PostedForm {
        let form: PostedForm
        if MultipartForm.isMultipart(request) {
            form = PostedForm(multipart: try await MultipartForm.read(request))
        } else {
            let body = try await request.body.collect(upTo: 256 * 1024)
            form = PostedForm(urlEncoded: String(buffer: body))
        }
        guard let cookie = request.cookies[SessionCookie.csrfName]?.value, let sent = form.raw(SessionCookie.csrfField),
            SessionCookie.same(cookie, sent)
        else { throw BusError(.forbidden, message: Self.staleForm) }
        return form
    }

    /// The login page, coming back to `path` after the code.
    static func login(returningTo path: String) -> Response {
        WebResponse.redirect(to: WebLinks.with("/vorood", [("bazgasht", path)]))
    }
}
