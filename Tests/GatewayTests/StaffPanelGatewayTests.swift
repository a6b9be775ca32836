import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IdentityVerifier
import Logging
import MizBus
import MizPersian
import MizSchema
import NIOCore
import Testing

@Suite(
    "Gateway: staff accounts and the audit log for administrators; the citizen's complaints and prefilled form",
    .serialized)
struct StaffPanelGatewayTests {
    static let officialPassword = "official secret 1"

    /// The desk's first administrator and an official of Fars, made through the identity library.
    static func accounts(_ desk: AuthDesk) async throws {
        let logger = Logger(label: "test")
        _ = try await desk.staff.create(
            IdentityStaffCreateRequest(
                username: "admin", displayName: "مدیر", role: .administrator, provinces: [],
                password: "administrator secret"), caller: .service("desk"), logger: logger)
        _ = try await desk.staff.create(
            IdentityStaffCreateRequest(
                username: "fars1", displayName: "کارشناس فارس", role: .official, provinces: ["fars"],
                password: officialPassword), caller: .service("desk"), logger: logger)
    }

    /// The session token of a staff login through the page.
    static func staffSession(_ http: any TestClientProtocol, _ username: String, _ password: String) async throws
        -> String
    {
        let (status, headers, _) = try await post(
            http, "/vorood/karkonan", [("username", username), ("password", password)])
        #expect(status == .seeOther)
        let cookie = headers[values: .setCookie].first { $0.hasPrefix("miz_session=") } ?? ""
        return String(try #require(cookie.firstMatch(of: /miz_session=([^;]+)/)?.output.1))
    }

    /// POSTs a page form with the CSRF pair (and the session, when given).
    static func post(
        _ http: any TestClientProtocol, _ uri: String, _ fields: [(String, String)], session: String? = nil,
        csrf: Bool = true
    ) async throws -> (HTTPResponse.Status, HTTPFields, String) {
        var headers = PageForm.cookies(session: session)
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = csrf ? PageForm.body(fields) : PageForm.body(fields).replacingOccurrences(of: "csrf=", with: "x=")
        return try await http.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            ($0.status, $0.headers, String(buffer: $0.body))
        }
    }

    @Test(
        "an administrator disables an official from the page: the official's session ends and their login says so; provinces are edited with checkboxes"
    )
    func disableAndProvinces() async throws {
        try await AuthDesk.run { desk in
            try await Self.accounts(desk)
            try await desk.http { http in
                let admin = try await Self.staffSession(http, "admin", "administrator secret")
                let official = try await Self.staffSession(http, "fars1", Self.officialPassword)
                #expect(try await http.page("/kartabl/karbaran", session: official).0 == .forbidden)
                #expect(try await http.page("/kartabl/karbaran/fars1/virayesh", session: official).0 == .forbidden)
                let (listStatus, list) = try await http.page("/kartabl/karbaran", session: admin)
                #expect(listStatus == .ok && list.contains("href=\"/kartabl/karbaran/fars1/virayesh\""))
                #expect(list.contains("<span class=\"status\">فعال</span>"))
                let (editStatus, edit) = try await http.page("/kartabl/karbaran/fars1/virayesh", session: admin)
                #expect(editStatus == .ok && edit.contains("name=\"csrf\" value=\"\(PageForm.csrf)\""))
                #expect(edit.contains("name=\"provinces\" value=\"fars\" checked"))
                #expect(!edit.contains("name=\"provinces\" value=\"tehran\" checked"))
                #expect(edit.contains("<bdi dir=\"ltr\">fars1</bdi>"))
                // Without the form's CSRF token nothing changes.
                let (forged, _, _) = try await Self.post(
                    http, "/kartabl/karbaran/fars1/virayesh", [("enabled", "false")], session: admin, csrf: false)
                #expect(forged == .forbidden)
                // The official's session is good (and now in this gateway's short cache).
                #expect(try await http.page("/api/v1/auth/me", session: official).0 == .ok)
                let (saved, _, savedPage) = try await Self.post(
                    http, "/kartabl/karbaran/fars1/virayesh", [("enabled", "false"), ("provinces", "fars")],
                    session: admin)
                #expect(saved == .ok && savedPage.contains("نشست‌های باز او بسته شد"))
                #expect(savedPage.contains("status--rejected\">غیرفعال</span>"))
                // The official's session ended at once, on this gateway's cache too.
                #expect(try await http.page("/api/v1/auth/me", session: official).0 == .unauthorized)
                #expect(try await http.page("/kartabl", session: official).0 == .seeOther)
                let (refused, _, refusedPage) = try await Self.post(
                    http, "/vorood/karkonan", [("username", "fars1"), ("password", Self.officialPassword)])
                #expect(refused == .forbidden && refusedPage.contains("حساب شما غیرفعال است"))
                let (wrong, _, wrongPage) = try await Self.post(
                    http, "/vorood/karkonan", [("username", "fars1"), ("password", "a wrong password")])
                #expect(wrong == .unauthorized && !wrongPage.contains("غیرفعال"))
                // Enabled again with two provinces ticked.
                let (moved, _, movedPage) = try await Self.post(
                    http, "/kartabl/karbaran/fars1/virayesh",
                    [("enabled", "true"), ("provinces", "tehran"), ("provinces", "alborz")], session: admin)
                #expect(moved == .ok && movedPage.contains("<td>تهران، البرز</td>"))
                let back = try await Self.staffSession(http, "fars1", Self.officialPassword)
                let me = try await http.send(.get, "/api/v1/auth/me", headers: bearer(back))
                #expect(try me.decode(IdentitySessionStatus.self).caller.provinces == ["tehran", "alborz"])
                // No province ticked: the page again, the problem linked from the summary, nothing stored.
                let (none, _, nonePage) = try await Self.post(
                    http, "/kartabl/karbaran/fars1/virayesh", [("enabled", "true")], session: admin)
                #expect(none == .badRequest && nonePage.contains("class=\"error-summary\""))
                #expect(nonePage.contains("href=\"#staff-province-"))
                #expect(nonePage.contains("id=\"staff-provinces-problem\""))
                let still = try await http.send(.get, "/api/v1/auth/me", headers: bearer(back))
                #expect(try still.decode(IdentitySessionStatus.self).caller.provinces == ["tehran", "alborz"])
                // The administrator cannot disable their own account.
                let (own, _, ownPage) = try await Self.post(
                    http, "/kartabl/karbaran/admin/virayesh", [("enabled", "false")], session: admin)
                #expect(own == .conflict && ownPage.contains("حساب خودتان را نمی‌توانید غیرفعال کنید"))
                #expect(ownPage.contains("href=\"#staff-enabled-yes\""))
                #expect(try await http.page("/kartabl/karbaran", session: admin).0 == .ok)
            }
        }
    }

    @Test("the API disables an account and reads the audit log, for administrators only")
    func api() async throws {
        try await AuthDesk.run { desk in
            try await Self.accounts(desk)
            try await desk.http { http in
                let login = #"{"username":"admin","password":"administrator secret"}"#
                let admin = try await http.send(.post, "/api/v1/auth/staff/login", json: login)
                    .decode(IdentitySession.self).token
                let officialLogin = #"{"username":"fars1","password":"\#(Self.officialPassword)"}"#
                let official = try await http.send(.post, "/api/v1/auth/staff/login", json: officialLogin)
                    .decode(IdentitySession.self).token
                let byOfficial = try await http.send(
                    .post, "/api/v1/staff/admin", json: #"{"enabled":false}"#, headers: bearer(official))
                #expect(byOfficial.status == .forbidden)
                #expect(try await http.send(.get, "/api/v1/audit", headers: bearer(official)).status == .forbidden)
                let last = try await http.send(
                    .post, "/api/v1/staff/admin", json: #"{"enabled":false}"#, headers: bearer(admin))
                #expect(last.status == .conflict)
                let disabled = try await http.send(
                    .post, "/api/v1/staff/fars1", json: #"{"enabled":false}"#, headers: bearer(admin))
                #expect(disabled.status == .ok)
                #expect(try disabled.decode(StaffAccount.self).enabled == false)
                #expect(try await http.send(.get, "/api/v1/auth/me", headers: bearer(official)).status == .unauthorized)
                let audit = try await http.send(.get, "/api/v1/audit?pageSize=3", headers: bearer(admin))
                #expect(audit.status == .ok)
                let list = try audit.decode(IdentityAuditList.self)
                #expect(list.items.map(\.action) == ["staffDisable", "staffDisable", "auditList"])
                #expect(list.items.map(\.outcome) == ["success", "refused", "refused"])
                #expect(list.pageSize == 3 && list.total >= 7)
            }
        }
    }

    @Test(
        "the audit page: newest first, Jalali times in Persian digits, masked national codes, pages; officials get 403")
    func auditPage() async throws {
        var policy = AuthPolicy()
        policy.staffLoginsPerAddress = 1000
        policy.lockThreshold = 1000
        try await AuthDesk.run(policy: policy) { desk in
            try await Self.accounts(desk)
            try await desk.http { http in
                // 50 failed logins with a national code typed as the user name, then the two real ones.
                for _ in 0..<50 {
                    _ = try await Self.post(
                        http, "/vorood/karkonan", [("username", "0012345679"), ("password", "some password")])
                }
                let official = try await Self.staffSession(http, "fars1", Self.officialPassword)
                let admin = try await Self.staffSession(http, "admin", "administrator secret")
                #expect(try await http.page("/kartabl/rooydadha").0 == .seeOther)
                let (refused, refusedPage) = try await http.page("/kartabl/rooydadha", session: official)
                #expect(refused == .forbidden && refusedPage.contains("dir=\"rtl\""))
                let (status, first) = try await http.page("/kartabl/rooydadha", session: admin)
                #expect(status == .ok)
                // 2 creations, 50 failures, 2 logins and the official's refusal: 55 rows, 2 pages.
                #expect(first.contains("۵۵ رویداد") && first.contains("صفحه ۱ از ۲"))
                #expect(first.contains("href=\"/kartabl/rooydadha?page=2\""))
                let rows = first.components(separatedBy: "<tr>").dropFirst(2)
                #expect(rows.first?.contains("دیدن رویدادها") == true && rows.first?.contains("رد شد") == true)
                #expect(rows.dropFirst().first?.contains("ورود به کارتابل") == true)
                #expect(first.contains("<bdi dir=\"ltr\">۰۰۱******۹</bdi>") && !first.contains("0012345679"))
                #expect(first.contains("نام کاربری ناشناخته"))
                #expect(first.contains(/ساعت [۰-۹]{2}:[۰-۹]{2}/) && first.contains(/[۰-۹]+ [آ-ی]+ ۱۴[۰-۹]{2}/))
                let (_, second) = try await http.page("/kartabl/rooydadha?page=2", session: admin)
                #expect(second.contains("صفحه ۲ از ۲") && second.contains("ساخت حساب"))
                #expect(second.contains("href=\"/kartabl/rooydadha?page=1\""))
            }
        }
    }

    @Test("the citizen's panel lists their complaints with status and tracking number, and opens one; others see none")
    func panelComplaints() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            let complaint = try await desk.client.call(
                Routes.Feedback.complaintSubmit,
                ComplaintSubmitRequest(
                    processNumber: receipt.processNumber, trackingCode: receipt.trackingCode,
                    text: "کارشناس به تماس‌های من پاسخ نداد و درخواست معطل ماند."), caller: FeedbackDesk.aliCaller)
            try await desk.app.test(.router) { http in
                let token = try await desk.aliToken(http)
                let (status, panel) = try await http.page("/panel", session: token)
                #expect(status == .ok)
                #expect(panel.contains("شکایت‌های من") && panel.contains("۱ شکایت"))
                #expect(panel.contains("<bdi dir=\"ltr\">\(complaint.trackingNumber)</bdi>"))
                #expect(panel.contains("status--registered\">ثبت شده</span>"))
                #expect(panel.contains("<bdi dir=\"ltr\">\(PersianDigits.display(receipt.processNumber))</bdi>"))
                #expect(panel.contains("name=\"trackingNumber\" value=\"\(complaint.trackingNumber)\""))
                let (opened, page) = try await http.postForm(
                    "/shekayat/peygiri", [("trackingNumber", complaint.trackingNumber)], session: token)
                #expect(opened == .ok && page.contains("درخواست معطل ماند"))
                // Fatemeh, logged in, has no complaint and sees none of Ali's.
                let start = try await http.send(
                    .post, "/api/v1/auth/citizen/start", json: #"{"nationalCode":"0023456787","mobile":"09351234567"}"#)
                let challenge = try start.decode(IdentityLoginChallenge.self)
                let code = await desk.inbox.code(2)
                let verify = try await http.send(
                    .post, "/api/v1/auth/citizen/verify",
                    json: #"{"challengeId":"\#(challenge.challengeId)","code":"\#(code)"}"#)
                let fatemeh = try verify.decode(IdentitySession.self).token
                let (_, other) = try await http.page("/panel", session: fatemeh)
                #expect(other.contains("شکایتی ثبت نکرده‌اید") && !other.contains(complaint.trackingNumber))
            }
        }
    }

    @Test("the request form's applicant step shows the session's national code read-only and the login's mobile")
    func applicantPrefilled() async throws {
        try await FeedbackDesk.run { desk in
            try await desk.app.test(.router) { http in
                let token = try await desk.aliToken(http)
                let start = "/khadamat/forest-seedling-request/darkhast"
                let (status, form) = try await http.page(start + "?ostan=tehran", session: token)
                #expect(status == .ok)
                #expect(form.contains(#"value="۰۰۱۲۳۴۵۶۷۹" readonly aria-describedby="applicant-national-code-hint""#))
                #expect(form.contains(#"name="mobile" type="tel""#) && form.contains(#"value="۰۹۱۲۱۲۳۴۵۶۷""#))
                let draft = String(try #require(form.firstMatch(of: /name="draft" value="([^"]*)"/)?.output.1))
                // Another national code posted by hand is replaced by the session's: Ali's details verify.
                let (next, page) = try await http.postForm(
                    start,
                    [
                        ("draft", draft), ("step", "applicant"), ("nationalCode", "0023456787"),
                        ("firstName", "علی"), ("lastName", "رضایی"), ("mobile", "۰۹۱۲۱۲۳۴۵۶۷"),
                        ("birthDateText", "1370/05/12"),
                    ], session: token)
                #expect(next == .ok && page.contains("name=\"province\""))
            }
        }
    }
}
