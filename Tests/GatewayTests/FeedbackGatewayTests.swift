import Feedback
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MizBus
import MizPersian
import MizSchema
import MizStorageTesting
import NIOCore
import Testing

@Suite("Gateway: survey, complaint and message pages and API over the real services", .serialized)
struct FeedbackGatewayTests {
    static let admin = Caller(kind: .staff, staffId: "admin", role: .administrator, provinces: [])

    /// The figures the feedback service holds for Tehran's seedling service, as an administrator.
    static func tehranRow(_ desk: FeedbackDesk) async throws -> FeedbackStatisticsRow? {
        let statistics = try await desk.client.call(
            Routes.Feedback.statistics, FeedbackStatisticsQuery(province: "tehran"), caller: admin)
        return statistics.rows.first { $0.serviceCode == "forest-seedling-request" }
    }

    static func surveyFields(_ receipt: RequestReceipt, code: String? = nil, satisfaction: String = "4")
        -> [(String, String)]
    {
        [
            ("processNumber", PersianDigits.display(receipt.processNumber)),
            ("trackingCode", code ?? receipt.trackingCode),
            ("satisfaction", satisfaction), ("onTime", "yes"), ("explanationClear", "no"), ("comment", "خوب بود"),
        ]
    }

    @Test("a survey with someone else's tracking code is refused on the page and nothing is stored")
    func surveyWrongCode() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let form = try await http.page("/nazarsanji?khedmat=forest-seedling-request")
                #expect(form.0 == .ok)
                #expect(form.1.contains(#"name="csrf""#) && form.1.contains(#"dir="rtl""#))
                let wrong = String(receipt.trackingCode.reversed())
                let (status, page) = try await http.postForm(
                    "/nazarsanji", Self.surveyFields(receipt, code: wrong))
                #expect(status == .notFound)
                #expect(page.contains("درخواستی با این شماره فرآیند و کد رهگیری یافت نشد."))
                #expect(
                    page.contains(#"class="error-summary""#) && page.contains(##"href="#feedback-process-number""##))
                #expect(!page.contains(wrong), "the tracking code is never shown back")
                // Nothing stored: the owner's survey does not exist, the figures count none.
                let survey = await busError {
                    try await desk.client.call(
                        Routes.Feedback.survey,
                        SurveyQuery(processNumber: receipt.processNumber, trackingCode: receipt.trackingCode),
                        caller: .anonymous)
                }
                #expect(survey?.code == .notFound)
                #expect(try await Self.tehranRow(desk)?.surveyCount ?? 0 == 0)
            }
        }
    }

    @Test("a survey is stored once: the confirmation shows the number, a second one shows the conflict")
    func surveyOnceThenConflict() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let (status, page) = try await http.postForm("/nazarsanji", Self.surveyFields(receipt))
                #expect(status == .ok)
                #expect(page.contains("نظر شما ثبت شد"))
                #expect(page.contains(#"<bdi dir="ltr">\#(PersianDigits.display(receipt.processNumber))</bdi>"#))
                let (again, second) = try await http.postForm(
                    "/nazarsanji", Self.surveyFields(receipt, satisfaction: "2"))
                #expect(again == .conflict)
                #expect(second.contains(#"class="error-summary""#))
                #expect(second.contains(#"name="mode" value="edit""#), "the page offers to replace the answers")
                #expect(try await Self.tehranRow(desk)?.averageSatisfaction == 4)
                // Replacing within the window is the edit, not a second survey.
                let (edited, _) = try await http.postForm(
                    "/nazarsanji", Self.surveyFields(receipt, satisfaction: "2") + [("mode", "edit")])
                #expect(edited == .ok)
                let row = try await Self.tehranRow(desk)
                #expect(row?.surveyCount == 1 && row?.averageSatisfaction == 2)
            }
        }
    }

    @Test("a survey form with no answers lists each missing answer at the top, linked to its field")
    func surveyMissingAnswers() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let (status, page) = try await http.postForm(
                    "/nazarsanji",
                    [("processNumber", receipt.processNumber), ("trackingCode", receipt.trackingCode)])
                #expect(status == .badRequest)
                for anchor in ["survey-satisfaction-1", "survey-on-time-yes", "survey-clear-yes"] {
                    #expect(page.contains(##"href="#\##(anchor)""##) && page.contains(#"id="\#(anchor)""#), "\(anchor)")
                }
                #expect(try await Self.tehranRow(desk)?.surveyCount ?? 0 == 0)
            }
        }
    }

    @Test("a complaint with an attachment over the page; only staff of its province see it, answered it is shown")
    func complaintProvinceAndAnswer() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let boundary = "----miz-test-boundary"
                var body = ""
                for (name, value) in [
                    ("csrf", PageForm.csrf), ("processNumber", receipt.processNumber),
                    ("trackingCode", receipt.trackingCode), ("text", "کارشناس پاسخ تلفن را نداد."),
                ] {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
                }
                var bytes = ByteBuffer(string: body)
                bytes.writeString(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"a.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                bytes.writeBytes(FeedbackDesk.pdf)
                bytes.writeString("\r\n--\(boundary)--\r\n")
                var headers = PageForm.cookies()
                headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
                let (status, page) = try await http.execute(
                    uri: "/shekayat", method: .post, headers: headers, body: bytes
                ) { ($0.status, String(buffer: $0.body)) }
                #expect(status == .ok)
                #expect(page.contains("شکایت شما ثبت شد"))
                let number = try #require(
                    page.firstMatch(of: /<bdi dir="ltr">([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/bdi>/)?.output.1)
                let complaintNumber = String(number)

                let fars = try await FeedbackDesk.staffToken(http, "fars1")
                let tehran = try await FeedbackDesk.staffToken(http, "tehran1")
                #expect(try await http.page("/kartabl/shekayat/\(complaintNumber)", session: fars).0 == .notFound)
                let api = try await http.send(
                    .get, "/api/v1/feedback/complaints/\(complaintNumber)", headers: bearer(fars))
                #expect(api.status == .notFound)
                let farsList = try await http.page("/kartabl/shekayat", session: fars)
                #expect(farsList.0 == .ok && !farsList.1.contains(complaintNumber))

                let (seen, staffPage) = try await http.page("/kartabl/shekayat/\(complaintNumber)", session: tehran)
                #expect(seen == .ok)
                #expect(staffPage.contains("کارشناس پاسخ تلفن را نداد.") && staffPage.contains("/peyvast"))
                let file = try await http.execute(
                    uri: "/kartabl/shekayat/\(complaintNumber)/peyvast", method: .get,
                    headers: PageForm.cookies(session: tehran), body: nil
                ) { Data($0.body.readableBytesView) }
                #expect(file == FeedbackDesk.pdf)
                let (answered, _) = try await http.postForm(
                    "/kartabl/shekayat/\(complaintNumber)/pasokh", [("answer", "درخواست دوباره بررسی شد.")],
                    session: tehran)
                #expect(answered == .ok)
                // The citizen follows it by its number.
                let (tracked, trackPage) = try await http.postForm(
                    "/shekayat/peygiri", [("trackingNumber", complaintNumber.lowercased())])
                #expect(tracked == .ok)
                #expect(trackPage.contains("درخواست دوباره بررسی شد.") && trackPage.contains("پاسخ داده شده"))
            }
        }
    }

    @Test("past the message rate the page asks the arithmetic question; the right answer sends the message")
    func messageChallenge() async throws {
        try await FeedbackDesk.run(policy: FeedbackPolicy(messagesPerWindow: 1)) { desk in
            try await desk.app.test(.live) { http in
                let fields = [("kind", "suggestion"), ("text", "ساعت پاسخگویی را بیشتر کنید."), ("province", "fars")]
                let (first, firstPage) = try await http.postForm("/payam", fields)
                #expect(first == .ok && firstPage.contains("پیام شما رسید"))
                let (second, page) = try await http.postForm("/payam", fields)
                #expect(second == .tooManyRequests)
                let question = try #require(page.firstMatch(of: /حاصل (\S+) به‌علاوهٔ (\S+) چند می‌شود؟/))
                let token = try #require(page.firstMatch(of: /name="challengeToken" value="([^"]+)"/)?.output.1)
                #expect(page.contains(#"id="message-challenge""#) && page.contains(##"href="#message-challenge""##))
                let sum =
                    (PersianDigits.parseInteger(String(question.output.1)) ?? 0)
                    + (PersianDigits.parseInteger(String(question.output.2)) ?? 0)
                let (third, done) = try await http.postForm(
                    "/payam", fields + [("challengeToken", String(token)), ("challengeAnswer", String(sum))])
                #expect(third == .ok && done.contains("پیام شما رسید"))
                let list = try await desk.client.call(
                    Routes.Feedback.messages, MessageListQuery(), caller: FeedbackGatewayTests.admin)
                #expect(list.total == 2)
            }
        }
    }

    @Test("the statistics page shows the stored figures, in the chart and in the table")
    func statisticsPage() async throws {
        try await FeedbackDesk.run { desk in
            let first = try await desk.decidedRequest()
            let second = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                #expect(try await http.postForm("/nazarsanji", Self.surveyFields(first, satisfaction: "5")).0 == .ok)
                #expect(try await http.postForm("/nazarsanji", Self.surveyFields(second, satisfaction: "2")).0 == .ok)
                let complaint = try await http.send(
                    .post, "/api/v1/feedback/complaints",
                    json:
                        #"{"processNumber":"\#(first.processNumber)","trackingCode":"\#(first.trackingCode)","text":"رسیدگی خیلی دیر شد."}"#
                )
                #expect(complaint.status == .created)
                let row = try #require(try await Self.tehranRow(desk))
                #expect(row.surveyCount == 2 && row.averageSatisfaction == 3.5)
                let admin = try await FeedbackDesk.staffToken(http, "admin")
                let (status, page) = try await http.page("/kartabl/amar?ostan=tehran", session: admin)
                #expect(status == .ok)
                #expect(page.contains(#"role="img""#) && page.contains("<title id=") && page.contains("<desc id="))
                #expect(page.contains("تهران ۳٫۵"), "the chart's description says Tehran's average")
                let profile = try await desk.client.call(
                    Routes.Catalog.profile, CatalogProfileRequest(code: "forest-seedling-request"))
                #expect(page.contains(">\(profile.title)</h2>"), "each chart is headed by the service's title")
                let cells = page.firstMatch(of: /<th scope="row">تهران<\/th>((?:<td>[^<]*<\/td>)+)<\/tr>/)
                let values = try #require(cells).output.1.matches(of: /<td>([^<]*)<\/td>/).map { String($0.output.1) }
                #expect(values.count == 10)
                #expect(values.first == PersianDigits.display(row.surveyCount))
                #expect(values[1] == "۳٫۵")
                #expect(values[4] == PersianDigits.display(row.complaintsByStatus["registered"] ?? -1))
                #expect(values[4] == "۱")
                // An official of another province sees no figure of Tehran.
                let fars = try await FeedbackDesk.staffToken(http, "fars1")
                let farsPage = try await http.page("/kartabl/amar", session: fars)
                #expect(farsPage.0 == .ok && !farsPage.1.contains(#"<th scope="row">تهران</th>"#))
                #expect(try await http.page("/kartabl/amar").0 == .seeOther, "anonymous visitors go to the login")
            }
        }
    }

    @Test("logged in, the citizen picks one of their requests; the survey needs no tracking code, the API reads it")
    func loggedInCitizenPicksARequest() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let token = try await desk.aliToken(http)
                let (status, form) = try await http.page("/nazarsanji", session: token)
                #expect(status == .ok)
                #expect(form.contains(#"value="\#(receipt.processNumber)" id="feedback-process-number""#))
                #expect(!form.contains(#"name="trackingCode""#), "no tracking code is asked of the owner")
                let (stored, _) = try await http.postForm(
                    "/nazarsanji",
                    [
                        ("processNumber", receipt.processNumber), ("satisfaction", "5"), ("onTime", "yes"),
                        ("explanationClear", "yes"),
                    ], session: token)
                #expect(stored == .ok)
                let mine = try await http.send(
                    .get, "/api/v1/feedback/surveys/\(receipt.processNumber)", headers: bearer(token))
                #expect(mine.status == .ok)
                #expect(try mine.decode(Survey.self).answers.satisfaction == 5)
                // Without a session the tracking code in its header proves ownership, a wrong one does not.
                let byCode = try await http.send(
                    .get, "/api/v1/feedback/surveys/\(receipt.processNumber)",
                    headers: [HTTPField.Name("X-Tracking-Code")!: receipt.trackingCode])
                #expect(byCode.status == .ok)
                let wrong = try await http.send(
                    .get, "/api/v1/feedback/surveys/\(receipt.processNumber)",
                    headers: [HTTPField.Name("X-Tracking-Code")!: String(receipt.trackingCode.reversed())])
                #expect(wrong.status == .notFound)
                #expect(wrong.error?.message == "درخواستی با این شماره فرآیند و کد رهگیری یافت نشد.")
            }
        }
    }

    @Test("staff see the messages of their province, close one, and the list says so; visitors are sent to log in")
    func staffMessages() async throws {
        try await FeedbackDesk.run { desk in
            try await desk.app.test(.router) { http in
                for (province, text) in [
                    ("fars", "پیشنهاد برای استان فارس است."), ("tehran", "انتقاد دربارهٔ دفتر تهران است."),
                ] {
                    let sent = try await http.send(
                        .post, "/api/v1/feedback/messages",
                        json: #"{"kind":"suggestion","province":"\#(province)","text":"\#(text)"}"#)
                    #expect(sent.status == .created)
                }
                #expect(try await http.page("/kartabl/payamha").0 == .seeOther)
                let fars = try await FeedbackDesk.staffToken(http, "fars1")
                let (status, page) = try await http.page("/kartabl/payamha", session: fars)
                #expect(status == .ok)
                #expect(page.contains("پیشنهاد برای استان فارس است.") && !page.contains("دفتر تهران"))
                let number = try #require(page.firstMatch(of: /action="\/kartabl\/payamha\/([0-9A-Z-]+)\/bastan"/))
                let (closed, _) = try await http.postForm(
                    "/kartabl/payamha/\(number.output.1)/bastan", [], session: fars)
                #expect(closed == .seeOther)
                let after = try await http.page("/kartabl/payamha", session: fars)
                #expect(after.1.contains("رسیدگی شده") && !after.1.contains("/bastan"))
                let api = try await http.send(.get, "/api/v1/feedback/messages?status=closed", headers: bearer(fars))
                #expect(try api.decode(MessageList.self).total == 1)
            }
        }
    }

    @Test("a complaint unanswered past its due date is marked escalated for administrators and its province")
    func escalatedComplaint() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let sent = try await http.send(
                    .post, "/api/v1/feedback/complaints",
                    json:
                        #"{"processNumber":"\#(receipt.processNumber)","trackingCode":"\#(receipt.trackingCode)","text":"هنوز پاسخی نگرفته‌ام."}"#
                )
                let number = try sent.decode(Complaint.self).trackingNumber
                let admin = try await FeedbackDesk.staffToken(http, "admin")
                let before = try await http.page("/kartabl/shekayat?erja=1", session: admin)
                #expect(before.0 == .ok && !before.1.contains(number))
                desk.clock.advance(days: 30)
                let (status, page) = try await http.page("/kartabl/shekayat?erja=1", session: admin)
                #expect(status == .ok)
                #expect(page.contains(#">\#(number)</bdi></a> <span class="status status--escalated">ارجاع‌شده</span>"#))
                let tehran = try await FeedbackDesk.staffToken(http, "tehran1")
                #expect(try await http.page("/kartabl/shekayat", session: tehran).1.contains("ارجاع‌شده"))
                let fars = try await FeedbackDesk.staffToken(http, "fars1")
                #expect(!(try await http.page("/kartabl/shekayat", session: fars).1.contains(number)))
            }
        }
    }

    /// A complaint form posted as multipart data with `file` as its attachment.
    static func complaintUpload(_ receipt: RequestReceipt, file: [UInt8]) -> (HTTPFields, ByteBuffer) {
        let boundary = "----miz-upload"
        var bytes = ByteBuffer()
        for (name, value) in [
            ("csrf", PageForm.csrf), ("processNumber", receipt.processNumber), ("trackingCode", receipt.trackingCode),
            ("text", "کارشناس پاسخ تلفن را نداد."),
        ] {
            bytes.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        bytes.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"a.bin\"\r\n\r\n")
        bytes.writeBytes(file)
        bytes.writeString("\r\n--\(boundary)--\r\n")
        var headers = PageForm.cookies()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (headers, bytes)
    }

    @Test("a complaint with a program or an oversized file is refused on the form, linked to the file, nothing stored")
    func complaintBadAttachment() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let program: [UInt8] =
                    [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: 0, count: 56)
                let oversized = [UInt8](repeating: 0x25, count: 7 * 1024 * 1024)
                for file in [program, oversized] {
                    let (headers, body) = Self.complaintUpload(receipt, file: file)
                    let (status, page) = try await http.execute(
                        uri: "/shekayat", method: .post, headers: headers, body: body
                    ) { ($0.status, String(buffer: $0.body)) }
                    #expect(status == .badRequest)
                    #expect(
                        page.contains(#"class="error-summary""#) && page.contains(##"href="#complaint-attachment""##))
                }
                let list = try await desk.client.call(
                    Routes.Feedback.complaints, ComplaintListQuery(), caller: FeedbackGatewayTests.admin)
                #expect(list.total == 0)
            }
        }
    }

    @Test(
        "the API refuses an attachment over 5 MB on its field, storing nothing; it takes a complaint as multipart data and its province's official downloads the same attachment"
    )
    func apiMultipartComplaint() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let oversized = Array(FeedbackDesk.pdf) + [UInt8](repeating: 0x20, count: 5 * 1024 * 1024)
                var (headers, body) = Self.complaintUpload(receipt, file: oversized)
                headers[.cookie] = nil
                let tooLarge = try await http.execute(
                    uri: "/api/v1/feedback/complaints", method: .post, headers: headers, body: body
                ) { APIResponse(status: $0.status, headers: $0.headers, body: Data($0.body.readableBytesView)) }
                #expect(tooLarge.status == .badRequest)
                #expect(tooLarge.error?.fields.map(\.field) == ["attachment"])
                #expect(tooLarge.error?.message.contains("۵ مگابایت") == true)
                let stored = try await desk.client.call(
                    Routes.Feedback.complaints, ComplaintListQuery(), caller: FeedbackGatewayTests.admin)
                #expect(stored.total == 0)

                (headers, body) = Self.complaintUpload(receipt, file: Array(FeedbackDesk.pdf))
                headers[.cookie] = nil
                headers[FeedbackAPIRoutesTestHeader.idempotencyKey] = "api-multipart-1"
                let sent = try await http.execute(
                    uri: "/api/v1/feedback/complaints", method: .post, headers: headers, body: body
                ) { APIResponse(status: $0.status, headers: $0.headers, body: Data($0.body.readableBytesView)) }
                #expect(sent.status == .created)
                let complaint = try sent.decode(Complaint.self)
                #expect(complaint.attachment?.fileType == .pdf && complaint.attachment?.size == FeedbackDesk.pdf.count)
                let tehran = try await FeedbackDesk.staffToken(http, "tehran1")
                let file = try await http.send(
                    .get, "/api/v1/feedback/complaints/\(complaint.trackingNumber)/attachment", headers: bearer(tehran))
                #expect(file.status == .ok && file.body == FeedbackDesk.pdf)
                #expect(file.headers[.contentType] == "application/pdf")
                let fars = try await FeedbackDesk.staffToken(http, "fars1")
                let refused = try await http.send(
                    .get, "/api/v1/feedback/complaints/\(complaint.trackingNumber)/attachment", headers: bearer(fars))
                #expect(refused.status == .notFound)
            }
        }
    }

    @Test("an official takes a complaint for review, answers and closes it from its page; closing too early is refused")
    func staffComplaintSteps() async throws {
        try await FeedbackDesk.run { desk in
            let receipt = try await desk.decidedRequest()
            try await desk.app.test(.router) { http in
                let sent = try await http.send(
                    .post, "/api/v1/feedback/complaints",
                    json:
                        #"{"processNumber":"\#(receipt.processNumber)","trackingCode":"\#(receipt.trackingCode)","text":"پرونده بدون توضیح برگشت خورد."}"#
                )
                let number = try sent.decode(Complaint.self).trackingNumber
                let tehran = try await FeedbackDesk.staffToken(http, "tehran1")
                let base = "/kartabl/shekayat/\(number)"
                let (early, refused) = try await http.postForm("\(base)/bastan", [], session: tehran)
                #expect(early == .conflict)
                #expect(refused.contains(#"class="error-summary""#))
                let (reviewed, underReview) = try await http.postForm("\(base)/barresi", [], session: tehran)
                #expect(reviewed == .ok && underReview.contains("در حال بررسی"))
                let (empty, emptyPage) = try await http.postForm("\(base)/pasokh", [("answer", "")], session: tehran)
                #expect(empty == .badRequest && emptyPage.contains(##"href="#complaint-answer""##))
                let (answered, _) = try await http.postForm(
                    "\(base)/pasokh", [("answer", "پرونده دوباره بررسی و تأیید شد.")], session: tehran)
                #expect(answered == .ok)
                let (closed, closedPage) = try await http.postForm("\(base)/bastan", [], session: tehran)
                #expect(closed == .ok && closedPage.contains("بسته شده"))
                let stored = try await desk.client.call(
                    Routes.Feedback.complaint, ComplaintQuery(trackingNumber: number),
                    caller: FeedbackGatewayTests.admin)
                #expect(stored.status == .closed && stored.answer == "پرونده دوباره بررسی و تأیید شد.")
            }
        }
    }
}

/// Headers of the feedback API.
enum FeedbackAPIRoutesTestHeader {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
