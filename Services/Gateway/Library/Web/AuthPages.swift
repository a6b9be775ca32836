import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MizBus
import MizPersian
import MizSchema
import NIOCore

/// The login and account pages (each form POSTs with a CSRF token in a hidden field, checked
/// against the `miz_csrf` cookie):
///
/// - `/vorood`: the citizen's login, national code and mobile, then the SMS code
///   (`/vorood/code`), with the time a new code may be asked;
/// - `/vorood/karkonan`: officials' and administrators' login;
/// - `/khorooj` (POST): logout;
/// - `/kartabl/karbaran`: staff management for administrators (an account's edit page and the
///   audit log are `StaffAccountPages`; the inbox itself, `/kartabl`, is `InboxPages`; the
///   citizen's panel, `/panel`, is `PanelPages`);
/// - `/dev/sms`: the development SMS inbox, only when the gateway runs with `--development`.
package struct AuthPages: Sendable {
    let client: BusClient
    let site: WebSite?
    let cache: SessionCache
    let isDevelopment: Bool
    static let timeout: Duration = .seconds(8)
    /// The delivery states as the SMS inbox page says them.
    static let statusText: [DeliveryStatus: String] = [
        .queued: "در صف ارسال", .sending: "در حال ارسال", .delivered: "تحویل شد", .failed: "ناموفق",
    ]

    package init(client: BusClient, site: WebSite?, cache: SessionCache, isDevelopment: Bool) {
        self.client = client
        self.site = site
        self.cache = cache
        self.isDevelopment = isDevelopment
    }

    /// Adds the pages to a router.
    package func add(to router: Router<GatewayRequestContext>) {
        router.get("/vorood") { request, context in
            let next = Self.returnPath(WebQuery(request.uri.query)["bazgasht"])
            if context.session?.caller.kind == .citizen { return WebResponse.redirect(to: next ?? "/panel") }
            var view = try formView(request)
            view.returnPath = next
            return try page(request, "login", title: "ورود به پنل کاربری", view: view)
        }
        router.post("/vorood") { request, context in try await startLogin(request, context: context) }
        router.post("/vorood/code") { request, context in try await verifyCode(request, context: context) }
        router.get("/vorood/karkonan") { request, context in
            if context.session?.caller.kind == .staff { return WebResponse.redirect(to: "/kartabl") }
            return try page(request, "staff-login", title: "ورود کارشناسان و مدیران", view: nil)
        }
        router.post("/vorood/karkonan") { request, context in try await staffLogin(request, context: context) }
        router.post("/khorooj") { request, context in try await logout(request, context: context) }
        router.get("/kartabl/karbaran") { request, context in try await staffPage(request, context: context, view: nil)
        }
        router.post("/kartabl/karbaran") { request, context in try await createStaff(request, context: context) }
        router.post("/kartabl/karbaran/gozarvazhe") { request, context in
            try await resetPassword(request, context: context)
        }
        router.get("/dev/sms") { request, context in try await devInbox(request, context: context) }
        router.get("/estelam") { request, _ in
            var view = try formView(request)
            view.applicant = ApplicantDetailsView(form: nil)
            return try page(request, "applicant-check", title: "بررسی اطلاعات متقاضی", view: view)
        }
        router.post("/estelam") { request, context in try await checkApplicant(request, context: context) }
    }

    // MARK: - Citizen login

    func startLogin(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await checkedForm(request, context: context)
        var view = try formView(request)
        view.values = ["nationalCode": form["nationalCode"] ?? "", "mobile": form["mobile"] ?? ""]
        view.returnPath = Self.returnPath(form["bazgasht"])
        do {
            let challenge = try await call(
                Routes.Identity.loginStart,
                IdentityLoginStartRequest(nationalCode: form["nationalCode"] ?? "", mobile: form["mobile"] ?? ""),
                context)
            return try codePage(
                request, challenge: challenge, message: challenge.message, isError: false,
                returnPath: Self.returnPath(form["bazgasht"]))
        } catch let error as BusError where error.code != .internal && error.code != .unavailable {
            view.message = error.message
            view.isError = true
            view.problems = error.fields.map { .init(field: $0.field, message: $0.message) }
            return try page(request, "login", title: "ورود به پنل کاربری", view: view, status: status(of: error))
        }
    }

    func verifyCode(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await checkedForm(request, context: context)
        let challengeId = form["challengeId"] ?? ""
        do {
            let session = try await call(
                Routes.Identity.loginVerify,
                IdentityLoginVerifyRequest(challengeId: challengeId, code: form["code"] ?? ""), context)
            var response = WebResponse.redirect(to: Self.returnPath(form["bazgasht"]) ?? "/panel")
            response.setCookie(SessionCookie.session(session.token, expiresAt: session.expiresAt, request: request))
            return response
        } catch let error as BusError where error.code != .internal && error.code != .unavailable {
            let resendAt = (form["resendAt"].flatMap { Double($0) }).map(Date.init(timeIntervalSince1970:)) ?? Date()
            let challenge = IdentityLoginChallenge(
                challengeId: challengeId, expiresAt: resendAt, resendAt: resendAt, codeLength: 6, message: "")
            return try codePage(
                request, challenge: challenge, message: error.message, isError: true, status: status(of: error),
                returnPath: Self.returnPath(form["bazgasht"]))
        }
    }

    func codePage(
        _ request: Request, challenge: IdentityLoginChallenge, message: String, isError: Bool,
        status: HTTPResponse.Status = .ok, returnPath: String? = nil
    ) throws -> Response {
        var view = try formView(request)
        view.returnPath = returnPath
        view.challengeId = challenge.challengeId
        view.message = message
        view.isError = isError
        view.resendAtEpoch = Int(challenge.resendAt.timeIntervalSince1970)
        view.resendAtText = WebClock.time(challenge.resendAt)
        return try page(request, "login-code", title: "وارد کردن کد ورود", view: view, status: status)
    }

    // MARK: - Staff

    func staffLogin(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await checkedForm(request, context: context)
        do {
            let session = try await call(
                Routes.Identity.staffLogin,
                IdentityStaffLoginRequest(username: form["username"] ?? "", password: form.raw("password") ?? ""),
                context)
            var response = WebResponse.redirect(to: "/kartabl")
            response.setCookie(SessionCookie.session(session.token, expiresAt: session.expiresAt, request: request))
            return response
        } catch let error as BusError where error.code != .internal && error.code != .unavailable {
            var view = try formView(request)
            view.values = ["username": form["username"] ?? ""]
            view.message = error.message
            view.isError = true
            return try page(
                request, "staff-login", title: "ورود کارشناسان و مدیران", view: view, status: status(of: error))
        }
    }

    func staffPage(_ request: Request, context: GatewayRequestContext, view: AuthFormView?) async throws -> Response {
        guard context.session?.caller.kind == .staff else { return WebResponse.redirect(to: "/vorood/karkonan") }
        var view = try view ?? formView(request)
        let list = try await call(Routes.Identity.staffList, IdentityStaffListRequest(), context)
        view.staff = list.accounts.map { account in
            .init(
                username: account.username, displayName: account.displayName,
                role: account.role == .administrator ? "مدیر کل" : "کارشناس استان",
                provinces: account.provinces.compactMap { Province(slug: $0)?.persianName }.joined(separator: "، "),
                status: account.enabled ? "فعال" : "غیرفعال", isEnabled: account.enabled,
                editLink: StaffAccountPages.editPath(account.username))
        }
        view.provinceOptions = Province.allCases.map { .init(slug: $0.slug, name: $0.persianName) }
        return try page(request, "staff", title: "مدیریت کاربران", view: view, status: view.isError ? .badRequest : .ok)
    }

    func createStaff(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await checkedForm(request, context: context)
        let role = StaffRole(rawValue: form["role"] ?? "") ?? .official
        let province = form["province"].map { [$0] } ?? []
        var view = try formView(request)
        do {
            let account = try await call(
                Routes.Identity.staffCreate,
                IdentityStaffCreateRequest(
                    username: form["username"] ?? "", displayName: form["displayName"] ?? "", role: role,
                    provinces: role == .official ? province : [], password: form.raw("password") ?? ""), context)
            view.message = "حساب «\(account.displayName)» ساخته شد."
        } catch let error as BusError where error.code == .invalidInput || error.code == .conflict {
            view.message = error.message
            view.isError = true
            view.problems = error.fields.map { .init(field: $0.field, message: $0.message) }
            view.values = ["username": form["username"] ?? "", "displayName": form["displayName"] ?? ""]
        }
        return try await staffPage(request, context: context, view: view)
    }

    /// `POST /kartabl/karbaran/gozarvazhe`: an administrator sets a new password; the
    /// account's sessions end.
    func resetPassword(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await checkedForm(request, context: context)
        var view = try formView(request)
        do {
            let account = try await call(
                Routes.Identity.staffResetPassword,
                IdentityStaffPasswordRequest(username: form["username"] ?? "", password: form.raw("password") ?? ""),
                context)
            view.message = "گذرواژه «\(account.displayName)» تازه شد و نشست‌های باز او بسته شد."
        } catch let error as BusError where error.code == .invalidInput || error.code == .notFound {
            view.message = error.message
            view.isError = true
            view.problems = error.fields.map { .init(field: $0.field, message: $0.message) }
        }
        return try await staffPage(request, context: context, view: view)
    }

    // MARK: - Applicant check

    /// `POST /estelam`: the applicant's details through `identity.verifyApplicant`; a refusal
    /// shows the service's Persian message and each field's problem beside the field.
    func checkApplicant(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let form = try await checkedForm(request, context: context)
        var view = try formView(request)
        let details = IdentityVerifyRequest(
            nationalCode: form["nationalCode"] ?? "", birthDate: ApplicantDetailsView.birthDate(of: form),
            firstName: form["firstName"] ?? "", lastName: form["lastName"] ?? "", mobile: form["mobile"] ?? "")
        do {
            _ = try await call(Routes.Identity.verifyApplicant, details, context)
            view.message = "اطلاعات متقاضی با ثبت احوال و شاهکار تطبیق داده شد."
            view.applicant = ApplicantDetailsView(form: form)
            return try page(request, "applicant-check", title: "بررسی اطلاعات متقاضی", view: view)
        } catch let error as BusError where error.code != .internal {
            view.message = error.message
            view.isError = true
            view.problems = error.fields.map { .init(field: $0.field, message: $0.message) }
            var problems: [String: String] = [:]
            for field in error.fields where problems[field.field] == nil { problems[field.field] = field.message }
            view.applicant = ApplicantDetailsView(form: form, problems: problems)
            return try page(
                request, "applicant-check", title: "بررسی اطلاعات متقاضی", view: view, status: status(of: error))
        }
    }

    // MARK: - Logout and the SMS inbox

    func logout(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        _ = try await checkedForm(request, context: context)
        if let token = context.sessionToken {
            _ = try? await call(Routes.Identity.logout, IdentitySessionRequest(token: token), context)
            cache.remove(token)
        }
        var response = WebResponse.redirect(to: "/")
        response.setCookie(SessionCookie.clearedSession(request: request))
        return response
    }

    func devInbox(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        guard isDevelopment else { throw BusError(.notFound, message: WebErrorMiddleware.pageNotFound) }
        let inbox = try await client.call(
            Routes.Notifier.devInbox, NotifierDevInboxRequest(limit: 30), timeout: Self.timeout,
            caller: context.caller, traceId: context.traceId)
        var view = try formView(request)
        view.messages = inbox.messages.map {
            .init(
                recipient: PersianDigits.display($0.recipient), text: PersianDigits.display($0.text),
                time: WebClock.time($0.createdAt),
                status: Self.statusText[$0.status] ?? $0.status.rawValue)
        }
        return try page(request, "dev-sms", title: "صندوق پیامک آزمایشی", view: view)
    }

    // MARK: - Helpers

    /// A page of this site to come back to after login (`bazgasht`); nil for anything that
    /// is not a local path, so the login cannot send anyone elsewhere.
    package static func returnPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), text.count <= 300,
            !text.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return nil }
        return text
    }

    /// The posted form, after its CSRF field was checked against the cookie.
    func checkedForm(_ request: Request, context: GatewayRequestContext) async throws
        -> WebForm
    {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = WebForm(String(buffer: body))
        guard let cookie = request.cookies[SessionCookie.csrfName]?.value, let sent = form.raw(SessionCookie.csrfField),
            SessionCookie.same(cookie, sent)
        else {
            throw BusError(
                .forbidden,
                message: "مهلت این فرم به پایان رسیده یا فرم از جای دیگری فرستاده شده است؛ صفحه را دوباره باز کنید.")
        }
        return form
    }

    /// A view with the request's CSRF token (or a new one, set as a cookie by `page`).
    func formView(_ request: Request) throws -> AuthFormView {
        AuthFormView(csrf: request.cookies[SessionCookie.csrfName]?.value ?? SessionCookie.newCSRFToken())
    }

    func page(
        _ request: Request, _ template: String, title: String, view: AuthFormView?, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard let site else { throw BusError(.internal, message: "web resources unavailable") }
        let view = try view ?? formView(request)
        return try site.privatePage(
            request, template: template, title: title, content: view, csrf: view.csrf, status: status)
    }

    func call<Request: Encodable & Sendable, Reply: Decodable & Sendable>(
        _ route: Route<Request, Reply>, _ request: Request, _ context: GatewayRequestContext
    ) async throws -> Reply {
        try await client.call(route, request, timeout: Self.timeout, caller: context.caller, traceId: context.traceId)
    }

    func status(of error: BusError) -> HTTPResponse.Status {
        HTTPErrorMapping.status(for: error.code)
    }
}
