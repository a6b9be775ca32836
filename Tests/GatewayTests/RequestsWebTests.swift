import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import MizBus
import MizSchema
import Requests
import Testing

@Suite("Gateway: citizens' requests through the API and the pages", .serialized)
struct RequestsWebTests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let persianDigits = Array("۰۱۲۳۴۵۶۷۸۹")

    /// Latin digits written in Persian.
    static func persian(_ text: String) -> String {
        String(text.map { $0.wholeNumberValue.map { persianDigits[$0] } ?? $0 })
    }

    /// A tracking code that differs from `code` in its first character.
    static func wrongCode(_ code: String) -> String {
        (code.first == "A" ? "B" : "A") + code.dropFirst()
    }

    /// The first capture of `pattern` in `text`.
    static func capture(_ pattern: String, in text: String) -> String? {
        guard let regex = try? Regex<(Substring, Substring)>(pattern), let match = text.firstMatch(of: regex) else {
            return nil
        }
        return String(match.output.1)
    }

    @Test(
        "API: a multipart submit, its list, detail and files; citizen B reads nothing of A's; tracking needs the code")
    func api() async throws {
        try await RequestsGatewayDesk.run { desk in
            try await desk.http { http in
                let ali = try await desk.login(
                    http, nationalCode: DemoCitizen.aliCode, mobile: DemoCitizen.aliMobile, codeNumber: 1)
                let fatemeh = try await desk.login(
                    http, nationalCode: DemoCitizen.fatemehCode, mobile: DemoCitizen.fatemehMobile, codeNumber: 2)
                let (profile, fields, files) = try await desk.application()
                #expect(!files.isEmpty)
                let fieldsJSON = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
                let part =
                    #"{"serviceCode":"\#(profile.code)","province":"tehran","applicant":\#(DemoCitizen.aliApplicant),"fields":\#(fieldsJSON)}"#
                let body = UploadBody(text: [("submission", part)], files: files)

                // A file that only pretends to be a PDF: a Persian error for that document, nothing stored.
                var pretending = body
                pretending.files[0].data = UploadSamples.elf
                let refused = try await http.post(
                    "/api/v1/requests", multipart: pretending, headers: bearer(ali, [Self.idempotencyKey: "bad-1"]))
                #expect(refused.status == .badRequest)
                #expect(refused.error?.fields.contains { $0.field == "documents.\(files[0].field)" } == true)
                let empty = try await http.send(.get, "/api/v1/requests", headers: bearer(ali))
                #expect(try empty.decode(RequestList.self).total == 0)

                let created = try await http.post(
                    "/api/v1/requests", multipart: body, headers: bearer(ali, [Self.idempotencyKey: "apply-1"]))
                #expect(created.status == .created)
                let receipt = try created.decode(RequestReceipt.self)
                #expect(receipt.processNumber.wholeMatch(of: /\d{4}-\d{2}-\d{6}/) != nil)
                #expect(receipt.status == .submitted)
                let again = try await http.post(
                    "/api/v1/requests", multipart: body, headers: bearer(ali, [Self.idempotencyKey: "apply-1"]))
                #expect(try again.decode(RequestReceipt.self) == receipt)

                let mine = try await http.send(.get, "/api/v1/requests", headers: bearer(ali)).decode(RequestList.self)
                #expect(mine.total == 1 && mine.items.first?.requestId == receipt.requestId)
                let theirs = try await http.send(.get, "/api/v1/requests", headers: bearer(fatemeh))
                #expect(try theirs.decode(RequestList.self).total == 0)

                let path = "/api/v1/requests/\(receipt.requestId)"
                let detail = try await http.send(.get, path, headers: bearer(ali)).decode(RequestDetail.self)
                #expect(detail.summary.processNumber == receipt.processNumber)
                #expect(detail.documents.count == files.count)
                let document = try #require(detail.documents.first)
                #expect(document.fileName == "مدرک \(document.key).pdf")
                let download = try await http.send(
                    .get, "\(path)/documents/\(document.documentId)", headers: bearer(ali))
                #expect(download.status == .ok)
                #expect(download.body == UploadSamples.pdf)
                #expect(download.headers[.contentType] == "application/pdf")
                #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
                #expect(download.headers[.contentDisposition]?.allSatisfy(\.isASCII) == true)

                // Citizen B: A's request and its file do not exist for them; nobody anonymous gets in.
                #expect(try await http.send(.get, path, headers: bearer(fatemeh)).status == .notFound)
                let foreignFile = try await http.send(
                    .get, "\(path)/documents/\(document.documentId)", headers: bearer(fatemeh))
                #expect(foreignFile.status == .notFound)
                #expect(try await http.send(.get, path).status == .unauthorized)
                let foreignWithdraw = try await http.send(
                    .post, "\(path)/withdraw", json: #"{"reason":"نه"}"#, headers: bearer(fatemeh))
                #expect(foreignWithdraw.status == .notFound)
                #expect(try await http.send(.get, "\(path)/result", headers: bearer(ali)).status != .ok)

                // Tracking: the right code in Persian digits shows the status and nothing personal.
                let tracked = try await http.send(
                    .post, "/api/v1/tracking",
                    json:
                        #"{"processNumber":"\#(Self.persian(receipt.processNumber))","trackingCode":"\#(receipt.trackingCode.lowercased())"}"#
                )
                #expect(tracked.status == .ok)
                #expect(try tracked.decode(RequestTracking.self).status == .submitted)
                for personal in [DemoCitizen.aliCode, DemoCitizen.aliMobile, "رضایی", receipt.requestId] {
                    #expect(!tracked.text.contains(personal), "\(personal)")
                }
                let wrong = try await http.send(
                    .post, "/api/v1/tracking",
                    json:
                        #"{"processNumber":"\#(receipt.processNumber)","trackingCode":"\#(Self.wrongCode(receipt.trackingCode))"}"#
                )
                #expect(wrong.status == .notFound)

                let withdrawn = try await http.send(
                    .post, "\(path)/withdraw", json: #"{"reason":"دیگر نیاز ندارم"}"#, headers: bearer(ali))
                #expect(withdrawn.status == .ok)
                #expect(try withdrawn.decode(RequestDetail.self).summary.status == .withdrawn)
            }
        }
    }

    @Test("pages: the form in steps without JavaScript; a bad file is a Persian error summary and nothing stored")
    func pages() async throws {
        try await RequestsGatewayDesk.run { desk in
            try await desk.http { http in
                let start = "/khadamat/forest-seedling-request/darkhast"
                let profilePage = try await http.send(.get, "/khadamat/forest-seedling-request?ostan=tehran")
                #expect(profilePage.text.contains("href=\"\(start)?ostan=tehran\""))
                let anonymous = try await http.send(.get, start)
                #expect(anonymous.status == .seeOther)
                #expect(anonymous.headers[.location]?.hasPrefix("/vorood?bazgasht=") == true)

                let token = try await desk.login(
                    http, nationalCode: DemoCitizen.aliCode, mobile: DemoCitizen.aliMobile, codeNumber: 1)
                let csrf = "0123456789abcdef0123456789abcdef"
                let cookies: HTTPFields = [.cookie: "miz_csrf=\(csrf); miz_session=\(token)"]
                let first = try await http.send(.get, start + "?ostan=tehran", headers: cookies)
                #expect(first.status == .ok)
                #expect(first.text.contains("value=\"۰۰۱۲۳۴۵۶۷۹\""))
                var draft = try #require(Self.capture(#"name="draft" value="([^"]*)""#, in: first.text))
                let applicant = [
                    ("nationalCode", "۰۰۱۲۳۴۵۶۷۹"), ("firstName", "علی"), ("lastName", "رضایی"),
                    ("mobile", "09121234567"),
                ]

                // A birth date one day off: the registry's Persian message, linked from the summary.
                let refused = try await http.post(
                    start,
                    form: [("csrf", csrf), ("draft", draft), ("step", "applicant")] + applicant + [
                        ("birthDateText", "۱۳۷۰/۰۵/۱۳")
                    ], headers: cookies)
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("class=\"error-summary\""))
                #expect(refused.text.contains("href=\"#birth-day\""))

                let provincePage = try await http.post(
                    start,
                    form: [("csrf", csrf), ("draft", draft), ("step", "applicant")] + applicant + [
                        ("birthDateText", "۱۳۷۰/۰۵/۱۲")
                    ], headers: cookies)
                #expect(provincePage.status == .ok)
                #expect(provincePage.text.contains("value=\"tehran\" checked"))
                draft = try #require(Self.capture(#"name="draft" value="([^"]*)""#, in: provincePage.text))

                let (profile, fields, files) = try await desk.application()
                var page = try await http.post(
                    start, form: [("csrf", csrf), ("draft", draft), ("step", "province"), ("province", "tehran")],
                    headers: cookies)
                #expect(page.status == .ok)
                if !profile.fields.isEmpty {
                    draft = try #require(Self.capture(#"name="draft" value="([^"]*)""#, in: page.text))
                    let missing = try await http.post(
                        start, form: [("csrf", csrf), ("draft", draft), ("step", "fields")], headers: cookies)
                    if profile.fields.contains(where: \.required) {
                        #expect(missing.status == .badRequest)
                        #expect(missing.text.contains("class=\"error-summary\""))
                    }
                    page = try await http.post(
                        start,
                        form: [("csrf", csrf), ("draft", draft), ("step", "fields")]
                            + fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, headers: cookies)
                    #expect(page.status == .ok)
                }
                #expect(page.text.contains("enctype=\"multipart/form-data\""))
                for document in profile.documents {
                    #expect(page.text.contains("id=\"document-\(document.key)\""))
                }
                draft = try #require(Self.capture(#"name="draft" value="([^"]*)""#, in: page.text))
                let key = try #require(Self.capture(#"name="idempotencyKey" value="([^"]*)""#, in: page.text))

                // «تغییر» on check your answers goes back to the questions with the answers kept.
                let change = try await http.post(
                    start, form: [("csrf", csrf), ("draft", draft), ("step", "review"), ("goto", "fields")],
                    headers: cookies)
                #expect(change.status == .ok)
                let county = try #require(fields.first { $0.value == "نمونه" }?.key)
                #expect(change.text.contains("name=\"\(county)\" type=\"text\" maxlength=\"500\" value=\"نمونه\""))
                let kept = try #require(Self.capture(#"name="draft" value="([^"]*)""#, in: change.text))
                #expect(RequestDraft(encoded: kept).applicant["firstName"] == "علی")

                // An executable renamed .pdf: the page again with the error summary, nothing stored.
                var badFiles = files
                badFiles[0].data = UploadSamples.elf
                let bad = try await http.post(
                    start + "/sabt",
                    multipart: UploadBody(
                        text: [("csrf", csrf), ("draft", draft), ("idempotencyKey", key)], files: badFiles),
                    headers: cookies)
                #expect(bad.status == .badRequest)
                #expect(bad.text.contains("class=\"error-summary\""))
                #expect(bad.text.contains("href=\"#document-\(files[0].field)\""))
                let none = try await http.send(.get, "/api/v1/requests", headers: bearer(token))
                #expect(try none.decode(RequestList.self).total == 0)

                let done = try await http.post(
                    start + "/sabt",
                    multipart: UploadBody(
                        text: [("csrf", csrf), ("draft", draft), ("idempotencyKey", key + "-2")], files: files),
                    headers: cookies)
                #expect(done.status == .ok)
                #expect(done.text.contains("درخواست شما ثبت شد"))
                let number = try #require(
                    Self.capture(
                        #"<bdi dir="ltr" id="process-number">([۰-۹]{4}-[۰-۹]{2}-[۰-۹]{6})</bdi>"#, in: done.text))
                let code = try #require(
                    Self.capture(#"<bdi dir="ltr" id="tracking-code">([^<]+)</bdi>"#, in: done.text))
                let mine = try await http.send(.get, "/api/v1/requests", headers: bearer(token)).decode(
                    RequestList.self)
                #expect(mine.total == 1)
                #expect(Self.persian(mine.items[0].processNumber) == number)

                let panel = try await http.send(.get, "/panel", headers: cookies)
                #expect(panel.status == .ok && panel.text.contains(number))
                let requestPage = try await http.send(
                    .get, "/panel/darkhast/\(mine.items[0].requestId)", headers: cookies)
                #expect(requestPage.status == .ok)
                #expect(requestPage.text.contains("ثبت درخواست") && requestPage.text.contains("/madarek/"))

                // Tracking without login, on a first visit (no cookie yet): the form's CSRF token is
                // the cookie's. A wrong code is not found; the right one shows no personal data.
                let visit = try await http.send(.get, "/peygiri")
                let visitCookie = visit.headers[values: .setCookie].joined(separator: "\n")
                let visitToken = try #require(visitCookie.firstMatch(of: /miz_csrf=([0-9a-f]{32})/)?.output.1)
                #expect(Self.capture(#"name="csrf" value="([0-9a-f]{32})""#, in: visit.text) == String(visitToken))
                let tracking: HTTPFields = [.cookie: "miz_csrf=\(visitToken)"]
                let wrong = try await http.post(
                    "/peygiri",
                    form: [
                        ("csrf", String(visitToken)), ("processNumber", number), ("trackingCode", Self.wrongCode(code)),
                    ],
                    headers: tracking)
                #expect(wrong.status == .notFound)
                #expect(wrong.text.contains("class=\"error-summary\""))
                let found = try await http.post(
                    "/peygiri",
                    form: [("csrf", String(visitToken)), ("processNumber", number), ("trackingCode", code)],
                    headers: tracking)
                #expect(found.status == .ok)
                #expect(found.text.contains("ثبت شده"))
                for personal in ["۰۰۱۲۳۴۵۶۷۹", "رضایی", "09121234567", "۰۹۱۲۱۲۳۴۵۶۷"] {
                    #expect(!found.text.contains(personal), "\(personal)")
                }
            }
        }
    }
}

@Suite("Gateway: where the login returns")
struct LoginReturnPathTests {
    @Test("only a path of this site is followed after login, never another site")
    func onlyLocalPaths() {
        #expect(AuthPages.returnPath("/khadamat/forest-seedling-request/darkhast?ostan=tehran") != nil)
        for outside in [
            "//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "panel", "/a\nb",
        ] {
            #expect(AuthPages.returnPath(outside) == nil, "\(outside)")
        }
    }
}

@Suite("Gateway: the citizen's fix and result pages", .serialized)
struct RequestsFixPagesTests {
    static let official = Caller(kind: .staff, staffId: "official-tehran", role: .official, provinces: ["tehran"])

    @Test("the fix form shows exactly what the official named; the fix is sent as multipart; the result downloads")
    func fixAndResult() async throws {
        try await RequestsGatewayDesk.run { desk in
            try await desk.http { http in
                let token = try await desk.login(
                    http, nationalCode: DemoCitizen.aliCode, mobile: DemoCitizen.aliMobile, codeNumber: 1)
                let (profile, fields, files) = try await desk.application()
                let fieldsJSON = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
                let part =
                    #"{"serviceCode":"\#(profile.code)","province":"tehran","applicant":\#(DemoCitizen.aliApplicant),"fields":\#(fieldsJSON)}"#
                let receipt = try await http.post(
                    "/api/v1/requests", multipart: UploadBody(text: [("submission", part)], files: files),
                    headers: bearer(token)
                ).decode(RequestReceipt.self)
                let id = receipt.requestId
                let asked = try #require(profile.fields.first { $0.datatype == .string })
                let other = try #require(profile.fields.first { $0.code != asked.code })
                let document = files[0].field
                _ = try await desk.client.call(
                    Routes.Requests.claim, RequestReference(requestId: id), caller: Self.official)
                _ = try await desk.client.call(
                    Routes.Requests.askForFix,
                    FixRequestSubmission(
                        requestId: id, fields: [asked.code], documents: [document],
                        message: "تصویر کارت ملی خوانا نیست."), caller: Self.official)

                let csrf = "0123456789abcdef0123456789abcdef"
                let cookies: HTTPFields = [.cookie: "miz_csrf=\(csrf); miz_session=\(token)"]
                let page = try await http.send(.get, "/panel/darkhast/\(id)", headers: cookies)
                #expect(page.text.contains("تصویر کارت ملی خوانا نیست."))
                #expect(page.text.contains("/panel/darkhast/\(id)/rafe-naqs"))
                let form = try await http.send(.get, "/panel/darkhast/\(id)/rafe-naqs", headers: cookies)
                #expect(form.status == .ok)
                #expect(form.text.contains("name=\"\(asked.code)\""))
                #expect(!form.text.contains("name=\"\(other.code)\""))
                #expect(form.text.contains("id=\"document-\(document)\""))
                for unnamed in profile.documents where unnamed.key != document {
                    #expect(!form.text.contains("id=\"document-\(unnamed.key)\""))
                }
                let key = try #require(
                    RequestsWebTests.capture(#"name="idempotencyKey" value="([^"]*)""#, in: form.text))

                // A file that only pretends: the form again, with the summary; the request still waits.
                let refused = try await http.post(
                    "/panel/darkhast/\(id)/rafe-naqs",
                    multipart: UploadBody(
                        text: [("csrf", csrf), ("idempotencyKey", key), (asked.code, "روستای لواسان")],
                        files: [UploadFile(field: document, fileName: "kart.pdf", data: UploadSamples.elf)]),
                    headers: cookies)
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("href=\"#document-\(document)\""))
                let waiting = try await http.send(.get, "/api/v1/requests/\(id)", headers: bearer(token))
                #expect(try waiting.decode(RequestDetail.self).summary.status == .needsFix)

                let sent = try await http.post(
                    "/panel/darkhast/\(id)/rafe-naqs",
                    multipart: UploadBody(
                        text: [("csrf", csrf), ("idempotencyKey", key + "-2"), (asked.code, "روستای لواسان")],
                        files: [UploadFile(field: document, fileName: "kart-2.pdf", data: UploadSamples.pdf)]),
                    headers: cookies)
                #expect(sent.status == .seeOther)
                let fixed = try await http.send(.get, "/api/v1/requests/\(id)", headers: bearer(token))
                let detail = try fixed.decode(RequestDetail.self)
                #expect(detail.summary.status == .fixed)
                #expect(detail.fields[asked.code] == "روستای لواسان")
                #expect(detail.documents.contains { $0.fileName == "kart-2.pdf" && $0.current })

                let result = Data("%PDF-1.4\n% result of the request\n%%EOF\n".utf8)
                _ = try await desk.client.call(
                    Routes.Requests.claim, RequestReference(requestId: id), caller: Self.official)
                _ = try await desk.client.call(
                    Routes.Requests.approve, ApprovalSubmission(requestId: id, resultFileName: "parvaneh.pdf"),
                    caller: Self.official, attachments: [result])
                let download = try await http.send(.get, "/panel/darkhast/\(id)/natije", headers: cookies)
                #expect(download.status == .ok && download.body == result)
                let api = try await http.send(.get, "/api/v1/requests/\(id)/result", headers: bearer(token))
                #expect(api.status == .ok && api.body == result)
                let approved = try await http.send(.get, "/panel/darkhast/\(id)", headers: cookies)
                #expect(approved.text.contains("/panel/darkhast/\(id)/natije"))
                #expect(approved.text.contains("تأیید شده"))
            }
        }
    }
}
