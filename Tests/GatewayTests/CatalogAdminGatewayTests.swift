import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import MizSchema
import NIOCore
import Testing

@Suite("Gateway: administrators edit the service catalog (API and pages), with the real catalog", .serialized)
struct CatalogAdminGatewayTests {
    static let code = "forest-seedling-request"

    /// A new service as an administrator would write it.
    static func draft(code: String = "watershed-village-works") -> ServiceProfileDraft {
        ServiceProfileDraft(
            code: code, title: "اجرای عملیات آبخیزداری روستا", summary: "درخواست شورای روستا برای سازه‌های آبخیزداری.",
            description: "شورای روستا اجرای عملیات آبخیزداری را درخواست می‌کند.", category: "watershed",
            keywords: ["بند خاکی", "سیلاب"], audience: "شوراهای اسلامی روستاها", nature: .operational,
            recipientType: [.g2g], level: .provincial, electronicLevel: .interactive, inPersonVisits: 0,
            inPersonReason: nil,
            documents: [
                RequiredDocument(
                    key: "council_letter", title: "نامه شورا", description: "نامه امضاشده شورای روستا",
                    acceptedTypes: [.pdf], maxSizeKB: 2048, mandatory: true)
            ],
            fields: [
                FormAttribute(code: "village", datatype: .string, required: true, description: "نام روستا", order: 1)
            ],
            processingDays: 60, fee: .free, legalBasis: ["قانون حفاظت و بهره‌برداری از جنگل‌ها و مراتع"],
            steps: ["ثبت درخواست", "بازدید", "اعلام نتیجه"], responsibleUnit: "معاونت آبخیزداری",
            provinces: .only(["tehran", "alborz"]), frequency: .asNeeded, startsOn: .request)
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try WireCoding.encoder.encode(value), as: UTF8.self)
    }

    /// The public list's codes, as any visitor sees them.
    static func publicCodes(_ http: any TestClientProtocol, query: String = "pageSize=50") async throws -> [String] {
        try await http.get("/api/v1/services?\(query)").decode(ServiceSearchPage.self).items.map(\.code)
    }

    @Test("API: an administrator creates, edits, reads a past version, deactivates and reactivates; others are refused")
    func adminThroughAPI() async throws {
        try await InboxDesk.run { desk in
            try await desk.http { http in
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let official = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let citizen = try await AuthGatewayTests.citizenToken(http, desk.codes)
                let body = try Self.json(Self.draft())

                // Nobody but an administrator writes; nothing is stored for them.
                #expect(try await http.send(.post, "/api/v1/catalog/services", json: body).status == .unauthorized)
                let byOfficial = try await http.send(
                    .post, "/api/v1/catalog/services", json: body, headers: bearer(official))
                #expect(byOfficial.status == .forbidden && byOfficial.error.map { isPersianText($0.message) } == true)
                #expect(
                    try await http.send(.post, "/api/v1/catalog/services", json: body, headers: bearer(citizen)).status
                        == .forbidden)
                #expect(try await http.get("/api/v1/catalog/services", headers: bearer(citizen)).status == .forbidden)
                #expect(try await http.get("/api/v1/services/watershed-village-works").status == .notFound)

                // Bad input: Persian problems per field, nothing stored.
                var bad = Self.draft()
                bad.title = " "
                bad.processingDays = 0
                bad.documents[0].maxSizeKB = 0
                let refused = try await http.send(
                    .post, "/api/v1/catalog/services", json: try Self.json(bad), headers: bearer(admin))
                #expect(refused.status == .badRequest)
                #expect(
                    Set(refused.error?.fields.map(\.field) ?? [])
                        == ["profile.title", "profile.processingDays", "profile.documents[0].maxSizeKB"])
                #expect(refused.error?.fields.allSatisfy { isPersianText($0.message) } == true)
                let missing = try await http.send(
                    .post, "/api/v1/catalog/services", json: #"{"code":"x-y-z"}"#, headers: bearer(admin))
                #expect(missing.status == .badRequest && missing.error?.fields.first?.field == "profile.title")
                #expect(try await http.get("/api/v1/services/watershed-village-works").status == .notFound)

                // Create: 201, version 1, active, found by the public search.
                let created = try await http.send(
                    .post, "/api/v1/catalog/services", json: body, headers: bearer(admin))
                #expect(created.status == .created)
                #expect(created.headers[.location] == "/api/v1/catalog/services/watershed-village-works/versions/1")
                let first = try created.decode(ServiceProfile.self)
                #expect(first.version == 1 && first.active)
                #expect(
                    try await Self.publicCodes(http, query: "q=\(queryValue("آبخیزداری روستا"))").contains(first.code))
                let taken = try await http.send(.post, "/api/v1/catalog/services", json: body, headers: bearer(admin))
                #expect(taken.status == .conflict)

                // Edit: the public profile shows the new title at once on this gateway.
                let before = try await http.get("/api/v1/services/\(Self.code)").decode(ServiceProfile.self)
                var edited = before.draft
                edited.title = "درخواست نهال رایگان"
                let edit = try await http.send(
                    .post, "/api/v1/catalog/services/\(Self.code)/versions",
                    json: #"{"baseVersion":\#(before.version),"profile":\#(try Self.json(edited))}"#,
                    headers: bearer(admin))
                #expect(edit.status == .created)
                let second = try edit.decode(ServiceProfile.self)
                #expect(second.version == before.version + 1 && second.title == "درخواست نهال رایگان")
                let shown = try await http.get("/api/v1/services/\(Self.code)").decode(ServiceProfile.self)
                #expect(shown.title == "درخواست نهال رایگان" && shown.version == second.version)
                let past = try await http.get(
                    "/api/v1/catalog/services/\(Self.code)/versions/۱", headers: bearer(official))
                #expect(past.status == .ok)
                #expect(try past.decode(ServiceProfile.self).title == before.title)
                // A stale base version is a conflict, and stores nothing.
                let stale = try await http.send(
                    .post, "/api/v1/catalog/services/\(Self.code)/versions",
                    json: #"{"baseVersion":\#(before.version),"profile":\#(try Self.json(before.draft))}"#,
                    headers: bearer(admin))
                #expect(stale.status == .conflict)
                #expect(
                    try await http.get("/api/v1/services/\(Self.code)").decode(ServiceProfile.self).version
                        == second.version)

                // Deactivate: gone from the public list and search; staff still list it.
                let off = try await http.send(
                    .post, "/api/v1/catalog/services/\(Self.code)/deactivate",
                    json: #"{"baseVersion":\#(second.version)}"#,
                    headers: bearer(admin))
                #expect(off.status == .ok)
                #expect(try off.decode(ServiceProfile.self).active == false)
                #expect(!(try await Self.publicCodes(http).contains(Self.code)))
                #expect(!(try await Self.publicCodes(http, query: "q=\(queryValue("نهال"))").contains(Self.code)))
                #expect(try await http.get("/api/v1/services/\(Self.code)").status == .notFound)
                let inactive = try await http.get(
                    "/api/v1/catalog/services?status=inactive", headers: bearer(official))
                #expect(inactive.status == .ok)
                #expect(try inactive.decode(ServiceSearchPage.self).items.map(\.code) == [Self.code])
                let badStatus = try await http.get("/api/v1/catalog/services?status=lost", headers: bearer(admin))
                #expect(badStatus.status == .badRequest && badStatus.error?.fields.first?.field == "status")
                #expect(
                    try await http.send(
                        .post, "/api/v1/catalog/services/\(Self.code)/deactivate", headers: bearer(admin)
                    )
                    .status == .conflict)

                // Reactivate, with no body: listed again.
                let on = try await http.send(
                    .post, "/api/v1/catalog/services/\(Self.code)/reactivate", headers: bearer(admin))
                #expect(on.status == .ok)
                #expect(try on.decode(ServiceProfile.self).version == second.version + 2)
                #expect(try await Self.publicCodes(http).contains(Self.code))
                #expect(
                    try await http.send(
                        .post, "/api/v1/catalog/services/\(Self.code)/reactivate", headers: bearer(official)
                    )
                    .status == .forbidden)
            }
        }
    }

    @Test("API with the session cookie: a write needs the X-CSRF-Token header")
    func cookieNeedsCSRF() async throws {
        try await InboxDesk.run { desk in
            try await desk.http { http in
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let cookies: HTTPFields = [.cookie: "miz_session=\(admin); miz_csrf=csrf-token-1"]
                let path = "/api/v1/catalog/services/\(Self.code)/deactivate"
                let refused = try await http.send(.post, path, headers: cookies)
                #expect(refused.status == .forbidden)
                #expect(try await Self.publicCodes(http).contains(Self.code))
                var withToken = cookies
                withToken[HTTPField.Name("X-CSRF-Token")!] = "csrf-token-1"
                #expect(try await http.send(.post, path, headers: withToken).status == .ok)
                #expect(!(try await Self.publicCodes(http).contains(Self.code)))
            }
        }
    }

    @Test("pages: the list with state filter, rows added without script, Persian problems beside fields, edit shown")
    func adminThroughPages() async throws {
        try await InboxDesk.run { desk in
            try await desk.http { http in
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let (listed, list) = try await InboxGatewayTests.page(http, "/kartabl/khadamat", token: admin)
                #expect(listed == .ok && list.contains("<bdi dir=\"ltr\">\(Self.code)</bdi>"))
                let (_, inbox) = try await InboxGatewayTests.page(http, "/kartabl", token: admin)
                #expect(inbox.contains("href=\"/kartabl/khadamat\""))

                // The editor holds the current version; "add a row" shows the form again as typed.
                let (opened, editor) = try await InboxGatewayTests.page(
                    http, "/kartabl/khadamat/\(Self.code)", token: admin)
                #expect(opened == .ok && editor.contains("نسخه کنونی: ۱"))
                let current = try await http.get("/api/v1/services/\(Self.code)").decode(ServiceProfile.self)
                var form = Self.form(of: current, title: "نهال رایگان برای روستاها")
                let (added, _, addedPage) = try await InboxGatewayTests.post(
                    http, "/kartabl/khadamat/\(Self.code)", form + "&action=add-document", token: admin)
                #expect(added == .ok)
                #expect(addedPage.contains("value=\"نهال رایگان برای روستاها\""))
                #expect(addedPage.contains("name=\"document.\(current.documents.count).key\""))
                #expect(addedPage.contains("autofocus"))

                // A bad number and a missing title: problems beside the fields, nothing stored.
                let bad = Self.form(of: current, title: "", processingDays: "۴۰۰")
                let (refused, _, refusedPage) = try await InboxGatewayTests.post(
                    http, "/kartabl/khadamat/\(Self.code)", bad + "&action=save", token: admin)
                #expect(refused == .badRequest)
                #expect(refusedPage.contains("class=\"error-summary\""))
                #expect(refusedPage.contains("href=\"#f-title\"") && refusedPage.contains("href=\"#f-processingDays\""))
                #expect(refusedPage.contains("id=\"f-processingDays-problem\""))
                #expect(refusedPage.contains("مدت رسیدگی باید بین ۱ تا ۳۶۵ روز کاری باشد."))
                #expect(refusedPage.contains("value=\"۴۰۰\""))
                #expect(
                    try await http.get("/api/v1/services/\(Self.code)").decode(ServiceProfile.self).version
                        == current.version)

                // Saved with Persian digits: version 2, and the public page shows the new title.
                form = Self.form(of: current, title: "نهال رایگان برای روستاها", processingDays: "۲۰")
                let (saved, location, _) = try await InboxGatewayTests.post(
                    http, "/kartabl/khadamat/\(Self.code)", form + "&action=save", token: admin)
                #expect(saved == .seeOther && location == "/kartabl/khadamat/\(Self.code)?payam=virayesh")
                let profilePage = try await http.execute(uri: "/khadamat/\(Self.code)", method: .get) {
                    String(buffer: $0.body)
                }
                #expect(profilePage.contains("نهال رایگان برای روستاها") && profilePage.contains("۲۰ روز کاری"))
                let stored = try await http.get("/api/v1/services/\(Self.code)").decode(ServiceProfile.self)
                #expect(stored.version == current.version + 1 && stored.processingDays == 20)
                // The same documents (the file types in the form's order) and fields.
                #expect(stored.documents.map(\.key) == current.documents.map(\.key))
                #expect(
                    stored.documents.map { Set($0.acceptedTypes) } == current.documents.map { Set($0.acceptedTypes) })
                #expect(stored.documents.map(\.title) == current.documents.map(\.title))
                #expect(stored.documents.map(\.mandatory) == current.documents.map(\.mandatory))
                #expect(stored.fields == current.fields)
                #expect(stored.provinces == current.provinces && stored.legalBasis == current.legalBasis)

                // Deactivated from its page: gone from the public list, marked in the staff list.
                let (off, _, _) = try await InboxGatewayTests.post(
                    http, "/kartabl/khadamat/\(Self.code)/gheyrfaal", "baseVersion=\(stored.version)", token: admin)
                #expect(off == .seeOther)
                #expect(!(try await Self.publicCodes(http).contains(Self.code)))
                let (_, inactive) = try await InboxGatewayTests.page(
                    http, "/kartabl/khadamat?status=inactive", token: admin)
                #expect(inactive.contains("<bdi dir=\"ltr\">\(Self.code)</bdi>") && inactive.contains("غیرفعال"))
                #expect(inactive.contains("۱ خدمت"))
            }
        }
    }

    @Test("pages: a new service from an empty form; a taken code is refused beside the code")
    func newServiceThroughPages() async throws {
        try await InboxDesk.run { desk in
            try await desk.http { http in
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let (opened, page) = try await InboxGatewayTests.page(http, "/kartabl/khadamat/no", token: admin)
                #expect(opened == .ok && page.contains("name=\"document.0.key\""))
                var draft = Self.draft(code: Self.code)
                draft.provinces = .all
                let taken = Self.encoded(draft) + "&documentRows=1&fieldRows=1"
                let (conflict, _, conflictPage) = try await InboxGatewayTests.post(
                    http, "/kartabl/khadamat/no", taken + "&action=save", token: admin)
                #expect(conflict == .conflict && conflictPage.contains("id=\"f-code-problem\""))
                let fresh = Self.encoded(Self.draft()) + "&documentRows=2&fieldRows=1"
                let (created, location, _) = try await InboxGatewayTests.post(
                    http, "/kartabl/khadamat/no", fresh + "&action=save", token: admin)
                #expect(created == .seeOther && location == "/kartabl/khadamat/watershed-village-works?payam=sakht")
                let stored = try await http.get("/api/v1/services/watershed-village-works").decode(ServiceProfile.self)
                #expect(stored.version == 1 && stored.documents.count == 1, "the blank second row is left out")
                #expect(stored.provinces == .only(["tehran", "alborz"]) && stored.keywords == ["بند خاکی", "سیلاب"])
            }
        }
    }

    @Test("pages: an official gets 403, a citizen the staff login, a form without the CSRF field 403")
    func pagesRefuseOthers() async throws {
        try await InboxDesk.run { desk in
            try await desk.http { http in
                let official = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let citizen = try await AuthGatewayTests.citizenToken(http, desk.codes)
                for path in ["/kartabl/khadamat", "/kartabl/khadamat/no", "/kartabl/khadamat/\(Self.code)"] {
                    let (status, html) = try await InboxGatewayTests.page(http, path, token: official)
                    #expect(status == .forbidden && html.contains("فقط برای مدیران سامانه"), "\(path)")
                    let redirected = try await http.execute(
                        uri: path, method: .get, headers: InboxGatewayTests.cookies(citizen)
                    ) { ($0.status, $0.headers[.location]) }
                    #expect(redirected.0 == .seeOther && redirected.1 == "/vorood/karkonan", "\(path)")
                }
                let (_, inbox) = try await InboxGatewayTests.page(http, "/kartabl", token: official)
                #expect(!inbox.contains("href=\"/kartabl/khadamat\""))
                let (refused, _, _) = try await InboxGatewayTests.post(
                    http, "/kartabl/khadamat/\(Self.code)/gheyrfaal", "", token: official)
                #expect(refused == .forbidden)
                var headers = InboxGatewayTests.cookies(admin)
                headers[.contentType] = "application/x-www-form-urlencoded"
                let noToken = try await http.execute(
                    uri: "/kartabl/khadamat/\(Self.code)/gheyrfaal", method: .post, headers: headers,
                    body: ByteBuffer(string: "baseVersion=1")
                ) { $0.status }
                #expect(noToken == .forbidden)
                #expect(try await Self.publicCodes(http).contains(Self.code))
            }
        }
    }

    // MARK: - Forms

    /// The editor's fields for `profile` as a browser posts them, with the title and the
    /// processing days replaced.
    static func form(of profile: ServiceProfile, title: String, processingDays: String? = nil) -> String {
        var draft = profile.draft
        draft.title = title
        var form = encoded(draft, processingDays: processingDays)
        form += "&documentRows=\(profile.documents.count)&fieldRows=\(profile.fields.count)"
        form += "&baseVersion=\(profile.version)&active=on"
        return form
    }

    /// A draft as the editor's form fields.
    static func encoded(_ draft: ServiceProfileDraft, processingDays: String? = nil) -> String {
        var pairs: [(String, String)] = [
            ("code", draft.code), ("title", draft.title), ("summary", draft.summary),
            ("description", draft.description), ("category", draft.category),
            ("keywords", draft.keywords.joined(separator: "\n")), ("audience", draft.audience),
            ("nature", draft.nature.rawValue), ("level", draft.level.rawValue),
            ("electronicLevel", draft.electronicLevel.rawValue), ("inPersonVisits", String(draft.inPersonVisits)),
            ("inPersonReason", draft.inPersonReason ?? ""),
            ("processingDays", processingDays ?? String(draft.processingDays)), ("feeKind", draft.fee.kind.rawValue),
            ("feeAmount", draft.fee.amountRials.map(String.init) ?? ""), ("feePayment", draft.fee.payment ?? ""),
            ("legalBasis", draft.legalBasis.joined(separator: "\n")), ("steps", draft.steps.joined(separator: "\n")),
            ("responsibleUnit", draft.responsibleUnit), ("frequency", draft.frequency.rawValue),
            ("startsOn", draft.startsOn.rawValue), ("defaultsNote", draft.defaultsNote ?? ""),
        ]
        pairs += draft.recipientType.map { ("recipientType", $0.rawValue) }
        switch draft.provinces {
        case .all: pairs.append(("provincesMode", "all"))
        case .only(let slugs): pairs += [("provincesMode", "only")] + slugs.map { ("province", $0) }
        }
        for (index, document) in draft.documents.enumerated() {
            let prefix = "document.\(index)."
            pairs += [
                (prefix + "key", document.key), (prefix + "title", document.title),
                (prefix + "description", document.description), (prefix + "maxSizeKB", String(document.maxSizeKB)),
            ]
            pairs += document.acceptedTypes.map { (prefix + "types", $0.rawValue) }
            if document.mandatory { pairs.append((prefix + "mandatory", "on")) }
        }
        for (index, field) in draft.fields.sorted(by: { $0.order < $1.order }).enumerated() {
            let prefix = "field.\(index)."
            pairs += [
                (prefix + "code", field.code), (prefix + "datatype", field.datatype.rawValue),
                (prefix + "description", field.description),
                (prefix + "values", (field.values ?? []).map { "\($0.key): \($0.name)" }.joined(separator: "\n")),
            ]
            if field.required { pairs.append((prefix + "required", "on")) }
        }
        return pairs.map { "\($0.0)=\(formValue($0.1))" }.joined(separator: "&")
    }

    static func formValue(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
