import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import MizPersian
import MizSchema
import NIOCore
import NIOFoundationCompat
import Testing

@Suite("Gateway: the officials' inbox over HTTP, with the real requests service", .serialized)
struct InboxGatewayTests {
    /// The cookies of a page session with a known CSRF token.
    static func cookies(_ token: String) -> HTTPFields { [.cookie: "miz_session=\(token); miz_csrf=csrf-token-1"] }

    /// A page GET, its status and HTML.
    static func page(_ http: any TestClientProtocol, _ uri: String, token: String) async throws
        -> (HTTPResponse.Status, String)
    {
        try await http.execute(uri: uri, method: .get, headers: cookies(token)) { ($0.status, String(buffer: $0.body)) }
    }

    /// A form POST with the CSRF field; status, `Location` and HTML.
    static func post(_ http: any TestClientProtocol, _ uri: String, _ form: String, token: String) async throws
        -> (HTTPResponse.Status, String?, String)
    {
        var headers = cookies(token)
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await http.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: "csrf=csrf-token-1&" + form)
        ) { ($0.status, $0.headers[.location], String(buffer: $0.body)) }
    }

    @Test("an official of Fars gets 403 on a Tehran request, its documents and actions; Tehran's official reads it")
    func otherProvinceForbidden() async throws {
        try await InboxDesk.run { desk in
            let receipt = try await desk.apply(province: "tehran")
            try await desk.http { http in
                let fars = try await desk.staffToken(http, username: "fars1", provinces: ["fars"])
                let tehran = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let detail = try await http.get("/api/v1/inbox/\(receipt.requestId)", headers: bearer(tehran))
                #expect(detail.status == .ok)
                let request = try detail.decode(RequestDetail.self)
                #expect(request.applicant.nationalCode == "0012345679")
                let document = try #require(request.documents.first)
                let path = "/api/v1/inbox/\(receipt.requestId)"
                let forbidden = try await http.get(path, headers: bearer(fars))
                #expect(forbidden.status == .forbidden)
                #expect(forbidden.error?.message.contains("استان") == true)
                #expect(
                    try await http.get("\(path)/documents/\(document.documentId)", headers: bearer(fars)).status
                        == .forbidden)
                #expect(try await http.send(.post, "\(path)/claim", headers: bearer(fars)).status == .forbidden)
                #expect(
                    try await http.send(.post, "\(path)/notes", json: #"{"text":"یادداشت"}"#, headers: bearer(fars))
                        .status == .forbidden)
                let farsInbox = try await http.get("/api/v1/inbox?province=tehran", headers: bearer(fars))
                #expect(farsInbox.status == .forbidden)
                // Nothing changed: still submitted, no note.
                let after = try await http.get(path, headers: bearer(tehran)).decode(RequestDetail.self)
                #expect(after.summary.status == .submitted && after.notes.isEmpty)
                // The Tehran official downloads the document, typed by its content.
                let file = try await http.get("\(path)/documents/\(document.documentId)", headers: bearer(tehran))
                #expect(file.status == .ok)
                #expect(file.headers[.contentType] == document.fileType.mediaType)
                #expect(file.body.count == document.size)
            }
        }
    }

    @Test("a citizen's session gets 403 on /api/v1/inbox; no session gets 401; staff see counts per status")
    func citizenForbidden() async throws {
        try await InboxDesk.run { desk in
            _ = try await desk.apply(province: "tehran")
            try await desk.http { http in
                let citizen = try await AuthGatewayTests.citizenToken(http, desk.codes)
                let refused = try await http.get("/api/v1/inbox", headers: bearer(citizen))
                #expect(refused.status == .forbidden)
                #expect(refused.error.map { isPersianText($0.message) } == true)
                #expect(try await http.get("/api/v1/inbox").status == .unauthorized)
                #expect(try await http.get("/api/v1/holidays", headers: bearer(citizen)).status == .forbidden)
                let tehran = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let inbox = try await http.get("/api/v1/inbox?status=submitted", headers: bearer(tehran))
                #expect(inbox.status == .ok)
                let listed = try inbox.decode(Inbox.self)
                #expect(listed.total == 1 && listed.counts["submitted"] == 1)
                let bad = try await http.get("/api/v1/inbox?status=lost&from=۱۴۰۵/۱۳/۰۱", headers: bearer(tehran))
                #expect(bad.status == .badRequest)
                #expect(bad.error?.fields.map(\.field) == ["status"])
                let badDate = try await http.get("/api/v1/inbox?from=۱۴۰۵/۱۳/۰۱", headers: bearer(tehran))
                #expect(badDate.status == .badRequest && badDate.error?.fields.first?.field == "submittedFrom")
            }
        }
    }

    @Test("the inbox page lists only the official's provinces, with counts as tabs and a GET filter form")
    func inboxPageOwnProvinces() async throws {
        try await InboxDesk.run { desk in
            let tehran = try await desk.apply(province: "tehran")
            let fars = try await desk.apply(province: "fars")
            try await desk.http { http in
                let official = try await desk.staffToken(http, username: "fars1", provinces: ["fars"])
                let (status, html) = try await Self.page(http, "/kartabl", token: official)
                #expect(status == .ok)
                #expect(html.contains("استان‌های شما: فارس"))
                #expect(html.contains(PersianDigits.display(fars.processNumber)))
                #expect(!html.contains(PersianDigits.display(tehran.processNumber)))
                #expect(!html.contains(tehran.requestId))
                #expect(html.contains("<bdi dir=\"ltr\">\(PersianDigits.display(fars.processNumber))</bdi>"))
                #expect(html.contains("ثبت شده <span class=\"inbox__count\">(۱)</span>"))
                #expect(html.contains("<form class=\"inbox__filters\" action=\"/kartabl\" method=\"get\""))
                #expect(html.contains("<option value=\"forest-seedling-request\">"))
                #expect(!html.contains("id=\"inbox-filter-province\""))
                let (_, byService) = try await Self.page(
                    http, "/kartabl?service=forest-seedling-request&overdue=on", token: official)
                #expect(byService.contains("<option value=\"forest-seedling-request\" selected>"))
                #expect(byService.contains("id=\"inbox-filter-overdue\" name=\"overdue\" type=\"checkbox\" checked"))
                let (_, filtered) = try await Self.page(http, "/kartabl?status=approved", token: official)
                #expect(!filtered.contains(PersianDigits.display(fars.processNumber)))
                #expect(filtered.contains("۰ درخواست"))
                let (badStatus, bad) = try await Self.page(http, "/kartabl?from=1405/13/40", token: official)
                #expect(badStatus == .badRequest)
                #expect(bad.contains("class=\"error-summary\"") && bad.contains("href=\"#inbox-filter-from\""))
                // An administrator sees every province, and may narrow to one.
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let (_, all) = try await Self.page(http, "/kartabl", token: admin)
                #expect(all.contains(PersianDigits.display(tehran.processNumber)))
                #expect(all.contains(PersianDigits.display(fars.processNumber)))
                #expect(all.contains("id=\"inbox-filter-province\""))
                let (_, tehranOnly) = try await Self.page(http, "/kartabl?province=tehran", token: admin)
                #expect(!tehranOnly.contains(PersianDigits.display(fars.processNumber)))
                #expect(tehranOnly.contains(PersianDigits.display(tehran.processNumber)))
                // Another province's review page is refused by the service.
                let (foreign, _) = try await Self.page(http, "/kartabl/darkhast/\(tehran.requestId)", token: official)
                #expect(foreign == .forbidden)
                // A citizen or nobody is sent to the staff login.
                let anonymous = try await http.execute(uri: "/kartabl", method: .get) { $0.headers[.location] }
                #expect(anonymous == "/vorood/karkonan")
            }
        }
    }

    @Test("the review page: claim, a refused fix with an error summary, approve with an uploaded result, download")
    func reviewThroughPages() async throws {
        try await InboxDesk.run { desk in
            let receipt = try await desk.apply(province: "tehran")
            try await desk.http { http in
                let token = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let base = "/kartabl/darkhast/\(receipt.requestId)"
                let (status, review) = try await Self.page(http, base, token: token)
                #expect(status == .ok)
                #expect(review.contains("<bdi dir=\"ltr\">۰۰۱۲۳۴۵۶۷۹</bdi>"))
                #expect(review.contains("برداشتن برای بررسی") && !review.contains("id=\"action-approve\""))
                // Without the CSRF field nothing happens.
                let forged = try await http.execute(
                    uri: "\(base)/bardashtan", method: .post,
                    headers: [
                        .cookie: "miz_session=\(token); miz_csrf=csrf-token-1",
                        .contentType: "application/x-www-form-urlencoded",
                    ], body: ByteBuffer(string: "key=k")
                ) { $0.status }
                #expect(forged == .forbidden)
                let (claimed, location, _) = try await Self.post(
                    http, "\(base)/bardashtan", "key=claim-1", token: token)
                #expect(claimed == .seeOther && location == "\(base)?payam=claim")
                let (_, underReview) = try await Self.page(http, location ?? base, token: token)
                #expect(underReview.contains("درخواست را برای بررسی برداشتید."))
                #expect(underReview.contains("id=\"action-approve\"") && underReview.contains("name=\"fields\""))
                // A fix naming nothing is refused with a summary linking to the fields.
                let (refused, _, summary) = try await Self.post(
                    http, "\(base)/rafe-naghs", "key=fix-1&message=%D8%AE", token: token)
                #expect(refused == .badRequest)
                #expect(summary.contains("class=\"error-summary\"") && summary.contains("href=\"#fix-fields\""))
                #expect(summary.contains("href=\"#fix-message\""))
                // Approve without choosing a file: the summary links to the file input.
                var empty = MultipartBody()
                empty.parts = [("csrf", nil, Data("csrf-token-1".utf8)), ("key", nil, Data("approve-0".utf8))]
                var emptyHeaders = Self.cookies(token)
                emptyHeaders[.contentType] = empty.contentType
                let noFile = try await http.execute(
                    uri: "\(base)/taeid", method: .post, headers: emptyHeaders, body: ByteBuffer(data: empty.data)
                ) { ($0.status, String(buffer: $0.body)) }
                #expect(noFile.0 == .badRequest && noFile.1.contains("href=\"#approve-result\""))
                // Approve with a PDF uploaded as a browser sends it.
                var form = MultipartBody()
                form.parts = [
                    ("csrf", nil, Data("csrf-token-1".utf8)), ("key", nil, Data("approve-1".utf8)),
                    ("note", nil, Data("پروانه صادر شد".utf8)), ("result", "پروانه.pdf", InboxDesk.pdf),
                ]
                var headers = Self.cookies(token)
                headers[.contentType] = form.contentType
                let approved = try await http.execute(
                    uri: "\(base)/taeid", method: .post, headers: headers, body: ByteBuffer(data: form.data)
                ) { ($0.status, $0.headers[.location]) }
                #expect(approved.0 == .seeOther && approved.1 == "\(base)?payam=approve")
                let detail = try await http.get("/api/v1/inbox/\(receipt.requestId)", headers: bearer(token))
                    .decode(RequestDetail.self)
                #expect(detail.summary.status == .approved)
                let result = try #require(detail.documents.first { $0.key == "result" })
                #expect(result.fileName == "پروانه.pdf")
                let (_, done) = try await Self.page(http, base, token: token)
                #expect(done.contains("تأیید شده") && !done.contains("id=\"action-approve\""))
                let file = try await http.execute(
                    uri: "\(base)/madrak/\(result.documentId)", method: .get, headers: Self.cookies(token)
                ) {
                    ($0.status, $0.headers[.contentType], Data(buffer: $0.body))
                }
                #expect(file.0 == .ok && file.1 == "application/pdf" && file.2 == InboxDesk.pdf)
            }
        }
    }

    @Test("the API: claim, note, ask for a fix, reject out of turn is a conflict; holidays for administrators")
    func actionsThroughAPI() async throws {
        try await InboxDesk.run { desk in
            let receipt = try await desk.apply(province: "tehran")
            try await desk.http { http in
                let token = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let path = "/api/v1/inbox/\(receipt.requestId)"
                let claim = try await http.send(
                    .post, "\(path)/claim", headers: bearer(token, [InboxGatewayTests.key: "c1"]))
                #expect(claim.status == .ok)
                #expect(try claim.decode(RequestDetail.self).summary.status == .underReview)
                // The same key again returns the first reply rather than a conflict.
                let again = try await http.send(
                    .post, "\(path)/claim", headers: bearer(token, [InboxGatewayTests.key: "c1"]))
                #expect(again.status == .ok)
                let note = try await http.send(
                    .post, "\(path)/notes", json: #"{"text":"مدارک بررسی شد"}"#, headers: bearer(token))
                #expect(try note.decode(RequestDetail.self).notes.map(\.text) == ["مدارک بررسی شد"])
                let detail = try note.decode(RequestDetail.self)
                let documentKey = try #require(detail.documents.first?.key)
                let badFix = try await http.send(
                    .post, "\(path)/fix", json: #"{"fields":["nope"],"message":"خوانا نیست"}"#, headers: bearer(token))
                #expect(badFix.status == .badRequest && badFix.error?.fields.first?.field == "fields")
                let fix = try await http.send(
                    .post, "\(path)/fix", json: #"{"documents":["\#(documentKey)"],"message":"تصویر خوانا نیست"}"#,
                    headers: bearer(token))
                #expect(fix.status == .ok)
                let fixed = try fix.decode(RequestDetail.self)
                #expect(fixed.summary.status == .needsFix && fixed.fixRequest?.documents == [documentKey])
                let reject = try await http.send(
                    .post, "\(path)/reject", json: #"{"reasons":"زمین در حریم رودخانه است."}"#, headers: bearer(token))
                #expect(reject.status == .conflict)
                let noFile = try await http.send(.post, "\(path)/approve", json: "{}", headers: bearer(token))
                #expect(noFile.status == .badRequest)
                // Holidays: an official reads, only an administrator adds.
                let holiday = #"{"date":"۱۴۰۵/۰۱/۱۲","title":"روز جمهوری اسلامی"}"#
                #expect(
                    try await http.send(.post, "/api/v1/holidays", json: holiday, headers: bearer(token)).status
                        == .forbidden)
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let added = try await http.send(.post, "/api/v1/holidays", json: holiday, headers: bearer(admin))
                #expect(added.status == .ok)
                #expect(try added.decode(HolidayList.self).holidays.contains { $0.date == "1405-01-12" })
                let listed = try await http.get("/api/v1/holidays?year=۱۴۰۵", headers: bearer(token))
                #expect(try listed.decode(HolidayList.self).holidays.contains { $0.title == "روز جمهوری اسلامی" })
                let removed = try await http.send(
                    .post, "/api/v1/holidays/remove", json: #"{"date":"1405-01-12"}"#, headers: bearer(admin))
                #expect(try !removed.decode(HolidayList.self).holidays.contains { $0.date == "1405-01-12" })
            }
        }
    }

    @Test("the holidays page: staff read the list, an administrator adds and removes a day, a bad date is summarized")
    func holidaysPage() async throws {
        try await InboxDesk.run { desk in
            try await desk.http { http in
                let official = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let (status, list) = try await Self.page(http, "/kartabl/tatilat", token: official)
                #expect(status == .ok && list.contains("تعطیلات رسمی") && !list.contains("action=\"/kartabl/tatilat\""))
                let title = "روز%20آزمایش"
                let (refused, _, _) = try await Self.post(
                    http, "/kartabl/tatilat", "date=1405/06/02&title=\(title)", token: official)
                #expect(refused == .forbidden)
                let (bad, _, summary) = try await Self.post(
                    http, "/kartabl/tatilat", "date=1405/13/02&title=\(title)", token: admin)
                #expect(bad == .badRequest && summary.contains("class=\"error-summary\""))
                #expect(summary.contains("href=\"#holiday-date\""))
                let (added, location, _) = try await Self.post(
                    http, "/kartabl/tatilat", "date=%DB%B1%DB%B4%DB%B0%DB%B5/06/02&title=\(title)", token: admin)
                #expect(added == .seeOther && location == "/kartabl/tatilat?payam=afzoodan")
                let (_, after) = try await Self.page(http, "/kartabl/tatilat", token: official)
                #expect(after.contains("<bdi dir=\"ltr\">۱۴۰۵/۰۶/۰۲</bdi>") && after.contains("روز آزمایش"))
                let (removed, _, _) = try await Self.post(
                    http, "/kartabl/tatilat/hazf", "date=1405-06-02", token: admin)
                #expect(removed == .seeOther)
                let (_, gone) = try await Self.page(http, "/kartabl/tatilat", token: admin)
                #expect(!gone.contains("روز آزمایش"))
            }
        }
    }

    static let key = HTTPField.Name("Idempotency-Key")!
}

/// Whether `text` holds Persian letters.
func isPersianText(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
}
