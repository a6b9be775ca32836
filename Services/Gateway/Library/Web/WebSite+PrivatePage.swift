import HTTPTypes
import Hummingbird

extension WebSite {
    /// A page made for one person (a form, a panel, an official's page): the layout around
    /// `content`, never stored by caches, and the CSRF cookie set when the form's token `csrf`
    /// is not already the request's cookie.
    package func privatePage(
        _ request: Request, template: String, title: String, content: some Sendable, csrf: String,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let meta = meta(title: title, description: title, section: .other)
        var response = WebResponse.html(
            try templates.render(Page(meta: meta, content: content), template: template), status: status)
        response.headers[.cacheControl] = "no-store"
        if request.cookies[SessionCookie.csrfName]?.value != csrf {
            response.setCookie(SessionCookie.csrf(csrf, request: request))
        }
        return response
    }
}
