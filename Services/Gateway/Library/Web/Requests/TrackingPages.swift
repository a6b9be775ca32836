import Foundation
import HTTPTypes
import Hummingbird
import MizBus
import MizSchema

/// The tracking page, `/peygiri`: anyone with a process number and its tracking code sees the
/// request's status, timeline (Jalali dates) and next step, with no personal data. The form
/// posts (the code stays out of addresses and histories); the requests service rate-limits
/// the lookups per client address.
package struct TrackingPages: Sendable {
    let requests: RequestsClient
    let renderer: CitizenPageRenderer

    /// The answer to an unknown number or a wrong code (the same, so codes cannot be probed).
    static let notFound = "درخواستی با این شماره فرآیند و کد رهگیری یافت نشد. هر دو را دوباره بررسی کنید."

    package init(client: BusClient, site: WebSite?) {
        requests = RequestsClient(client: client)
        renderer = CitizenPageRenderer(site: site)
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/peygiri") { request, _ in
            // One token for the cookie and the form: on a first visit each call would make a new one.
            let csrf = renderer.csrf(request)
            return try renderer.render(
                request, template: "tracking", title: "پیگیری درخواست", csrf: csrf, content: TrackingView(csrf: csrf))
        }
        router.post("/peygiri") { request, context in try await track(request, context: context) }
    }

    func track(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await renderer.checkedForm(request)
        var view = TrackingView(csrf: renderer.csrf(request))
        view.processNumber = form["processNumber"] ?? ""
        view.trackingCode = form["trackingCode"] ?? ""
        if view.processNumber.isEmpty {
            view.processNumberProblem = "شماره فرآیند را وارد کنید."
        }
        if view.trackingCode.isEmpty {
            view.trackingCodeProblem = "کد رهگیری را وارد کنید."
        }
        var status: HTTPResponse.Status = .ok
        if view.processNumberProblem == nil, view.trackingCodeProblem == nil {
            do {
                let tracking = try await requests.call(
                    Routes.Requests.track,
                    RequestTrackingQuery(processNumber: view.processNumber, trackingCode: view.trackingCode), context)
                view.result = RequestStatusView(tracking: tracking)
            } catch let error as BusError where error.code == .notFound {
                view.problems = [RequestProblem(message: Self.notFound, href: "#tracking-number")]
                status = .notFound
            } catch let error as BusError where error.code == .invalidInput || error.code == .tooManyRequests {
                for field in error.fields {
                    if field.field == "trackingCode" {
                        view.trackingCodeProblem = field.message
                    } else {
                        view.processNumberProblem = field.message
                    }
                }
                if error.fields.isEmpty {
                    view.problems = [
                        RequestProblem(message: error.message, href: "#tracking-number")
                    ]
                }
                status = HTTPErrorMapping.status(for: error.code)
            }
        } else {
            status = .badRequest
        }
        if let problem = view.processNumberProblem {
            view.problems.append(RequestProblem(message: problem, href: "#tracking-number"))
        }
        if let problem = view.trackingCodeProblem {
            view.problems.append(RequestProblem(message: problem, href: "#tracking-code"))
        }
        return try renderer.render(
            request, template: "tracking", title: "پیگیری درخواست", csrf: view.csrf, content: view, status: status)
    }
}
