import HTTPTypes
import Hummingbird
import MizSchema

/// The desk as an app installed from the phone's browser (there is no store app: the FAQ's
/// «دانلود اپلیکیشن موبایل» leads here):
///
/// - `GET /manifest.webmanifest`: the web app manifest (`WebAppManifest`);
/// - `GET /sw.js`: the service worker, which keeps only the static shell
///   (`ServiceWorkerRules`) and shows the offline page when a page cannot be fetched;
/// - `GET /offline`: that page, «the desk needs a connection»;
/// - `GET /app`: «اپلیکیشن موبایل», how to install the desk on Android and on an iPhone.
package struct WebAppRoutes: Sendable {
    /// The address of the offline page.
    package static let offlinePath = "/offline"

    let site: WebSite?

    /// The routes over the site's files; without a site they answer the error page.
    package init(site: WebSite?) {
        self.site = site
    }

    /// Adds the routes to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/manifest.webmanifest") { request, _ in
            try requireSite().app.manifestDocument.response(ifNoneMatch: request.headers[.ifNoneMatch])
        }
        router.get("/sw.js") { request, _ in
            try requireSite().app.serviceWorker.response(ifNoneMatch: request.headers[.ifNoneMatch])
        }
        router.get(RouterPath(Self.offlinePath)) { _, _ in
            WebResponse.html(try requireSite().app.offlinePage)
        }
        router.get("/app") { _, _ in
            let site = try requireSite()
            let meta = site.meta(
                title: "اپلیکیشن موبایل",
                description:
                    "میز خدمت الکترونیکی منابع طبیعی را مانند یک اپلیکیشن روی گوشی اندروید یا آیفون نصب کنید.",
                section: .other)
            return WebResponse.html(
                try site.templates.render(Page(meta: meta, content: [String: String]()), template: "app"))
        }
    }

    func requireSite() throws -> WebSite {
        guard let site else { throw BusError(.internal, message: "web resources unavailable") }
        return site
    }
}
