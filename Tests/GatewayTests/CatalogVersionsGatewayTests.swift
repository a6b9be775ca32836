import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import MizSchema
import Testing

@Suite("Gateway: a service's past versions, listed and read with the changes marked (API and pages)", .serialized)
struct CatalogVersionsGatewayTests {
    static let code = CatalogAdminGatewayTests.code

    @Test(
        "an edit makes version 2: the list shows both with Jalali times; version 2 marks the changed fields, version 1 none; officials read, citizens do not"
    )
    func versions() async throws {
        try await InboxDesk.run { desk in
            // A request made under version 1, before the edit.
            let receipt = try await desk.apply(province: "tehran")
            try await desk.http { http in
                let admin = try await desk.staffToken(http, username: "admin1", role: .administrator, provinces: [])
                let official = try await desk.staffToken(http, username: "tehran1", provinces: ["tehran"])
                let citizen = try await AuthGatewayTests.citizenToken(http, desk.codes)
                let before = try await http.get("/api/v1/services/\(Self.code)").decode(ServiceProfile.self)
                var edited = before.draft
                edited.title = "درخواست نهال رایگان برای روستاها"
                edited.processingDays = before.processingDays + 5
                let edit = try await http.send(
                    .post, "/api/v1/catalog/services/\(Self.code)/versions",
                    json: #"{"baseVersion":1,"profile":\#(try CatalogAdminGatewayTests.json(edited))}"#,
                    headers: bearer(admin))
                #expect(edit.status == .created)

                // The API lists them newest first, for staff only.
                let listed = try await http.get(
                    "/api/v1/catalog/services/\(Self.code)/versions", headers: bearer(official))
                #expect(listed.status == .ok && listed.headers[.cacheControl] == "no-store")
                let list = try listed.decode(ServiceVersionList.self)
                #expect(list.currentVersion == 2 && list.versions.map(\.version) == [2, 1])
                #expect(list.versions.map(\.title) == [edited.title, before.title])
                #expect(
                    try await http.get("/api/v1/catalog/services/\(Self.code)/versions", headers: bearer(citizen))
                        .status == .forbidden)
                #expect(try await http.get("/api/v1/catalog/services/\(Self.code)/versions").status == .unauthorized)
                #expect(
                    try await http.get("/api/v1/catalog/services/no-such-service/versions", headers: bearer(admin))
                        .status == .notFound)

                // The editor links to the versions page, which lists both with their Jalali times.
                let (_, editor) = try await InboxGatewayTests.page(http, "/kartabl/khadamat/\(Self.code)", token: admin)
                #expect(editor.contains("href=\"/kartabl/khadamat/\(Self.code)/noskheha\""))
                let (listStatus, page) = try await InboxGatewayTests.page(
                    http, "/kartabl/khadamat/\(Self.code)/noskheha", token: admin)
                #expect(listStatus == .ok && page.contains("۲ نسخه"))
                #expect(page.contains("<a href=\"/kartabl/khadamat/\(Self.code)/noskheha/2\">نسخه ۲</a> (نسخه کنونی)"))
                #expect(page.contains("<a href=\"/kartabl/khadamat/\(Self.code)/noskheha/1\">نسخه ۱</a></td>"))
                #expect(page.contains(/ساعت [۰-۹]{2}:[۰-۹]{2}/) && page.contains("<bdi dir=\"ltr\">\(Self.code)</bdi>"))

                // Version 2, read by an official: the title and processing time marked, the fee not.
                let (cardStatus, card) = try await InboxGatewayTests.page(
                    http, "/kartabl/khadamat/\(Self.code)/noskheha/2", token: official)
                #expect(cardStatus == .ok)
                let marker = " <strong class=\"version-card__changed\">(تغییر کرده در این نسخه)</strong></dt>"
                let changed = "<dt class=\"version-card__label version-card__label--changed\">"
                #expect(card.contains("\(changed)عنوان\(marker)") && card.contains("\(changed)زمان رسیدگی\(marker)"))
                #expect(card.contains("<dt class=\"version-card__label\">هزینه</dt>"))
                #expect(card.contains("<dt class=\"version-card__label\">مدارک مورد نیاز</dt>"))
                #expect(card.contains("۲ بخش نسبت به نسخه ۱ تغییر کرده"))
                #expect(
                    card.contains("<dd class=\"version-card__value version-card__value--changed\">\(edited.title)</dd>")
                )
                #expect(card.contains("href=\"/kartabl/khadamat/\(Self.code)/noskheha/1\" rel=\"prev\""))
                #expect(!card.contains("<form"), "a past version is read-only")
                // Version 1 in Persian digits: the first, nothing marked, a link on to version 2.
                let (firstStatus, firstCard) = try await InboxGatewayTests.page(
                    http, "/kartabl/khadamat/\(Self.code)/noskheha/۱", token: official)
                #expect(firstStatus == .ok && firstCard.contains("این نخستین نسخه شناسنامه است."))
                #expect(
                    !firstCard.contains("version-card__changed")
                        && firstCard.contains("<dd class=\"version-card__value\">\(before.title)</dd>"))
                #expect(firstCard.contains("href=\"/kartabl/khadamat/\(Self.code)/noskheha/2\" rel=\"next\""))
                // The official reaches the version a request was made under from its review page.
                let (_, review) = try await InboxGatewayTests.page(
                    http, "/kartabl/darkhast/\(receipt.requestId)", token: official)
                #expect(
                    review.contains("<a href=\"/kartabl/khadamat/\(Self.code)/noskheha/1\">نسخه ۱ شناسنامه خدمت</a>"))
                for missing in ["3", "0", "x"] {
                    let (status, _) = try await InboxGatewayTests.page(
                        http, "/kartabl/khadamat/\(Self.code)/noskheha/\(missing)", token: admin)
                    #expect(status == .notFound, "\(missing)")
                }
                // A citizen is sent to the staff login; the catalog refuses them the list anyway.
                let redirected = try await http.execute(
                    uri: "/kartabl/khadamat/\(Self.code)/noskheha", method: .get,
                    headers: InboxGatewayTests.cookies(citizen)
                ) { ($0.status, $0.headers[.location]) }
                #expect(redirected.0 == .seeOther && redirected.1 == "/vorood/karkonan")
            }
        }
    }
}
