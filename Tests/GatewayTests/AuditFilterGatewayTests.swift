import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import IdentityVerifier
import MizPersian
import MizSchema
import Testing

@Suite("Gateway: the audit log filtered by actor, action and Jalali days (page and API)", .serialized)
struct AuditFilterGatewayTests {
    @Test(
        "filters in the address narrow the page, stay in its form and page links; a bad date is shown in Persian; the API reads the same"
    )
    func filters() async throws {
        var policy = AuthPolicy()
        policy.staffLoginsPerAddress = 1000
        policy.lockThreshold = 1000
        try await AuthDesk.run(policy: policy) { desk in
            try await StaffPanelGatewayTests.accounts(desk)
            try await desk.http { http in
                // 55 wrong passwords for fars1, then both log in.
                for _ in 0..<55 {
                    _ = try await StaffPanelGatewayTests.post(
                        http, "/vorood/karkonan", [("username", "fars1"), ("password", "not the password")])
                }
                _ = try await StaffPanelGatewayTests.staffSession(
                    http, "fars1", StaffPanelGatewayTests.officialPassword)
                let admin = try await StaffPanelGatewayTests.staffSession(http, "admin", "administrator secret")

                // One actor typed in capitals and one action: 56 rows of fars1, pages that keep both filters.
                let (status, first) = try await http.page(
                    "/kartabl/rooydadha?actor=FARS1&action=staffLogin", session: admin)
                #expect(status == .ok)
                #expect(first.contains("۵۶ رویداد") && first.contains("صفحه ۱ از ۲"))
                #expect(first.contains("href=\"/kartabl/rooydadha?actor=FARS1&amp;action=staffLogin&amp;page=2\""))
                #expect(first.contains("id=\"audit-filter-actor\" name=\"actor\"") && first.contains("value=\"FARS1\""))
                #expect(first.contains("<option value=\"staffLogin\" selected>ورود به کارتابل</option>"))
                let rows = first.components(separatedBy: "<tr>").dropFirst(2)
                #expect(rows.count == 50 && rows.allSatisfy { $0.contains("<bdi dir=\"ltr\">fars1</bdi>") })
                #expect(!first.contains("<bdi dir=\"ltr\">admin</bdi>"))
                let (_, second) = try await http.page(
                    "/kartabl/rooydadha?actor=FARS1&action=staffLogin&page=2", session: admin)
                #expect(first.contains("انجام شد") && second.contains("صفحه ۲ از ۲"))
                #expect(second.contains("گذرواژه نادرست") && !second.contains("انجام شد"))
                #expect(second.contains("href=\"/kartabl/rooydadha?actor=FARS1&amp;action=staffLogin&amp;page=1\""))

                // Jalali days in Persian digits around today find everything; a past range finds nothing.
                let today = JalaliDate(gregorian: Date())
                let from = today.adding(days: -1).formatted
                let to = today.adding(days: 1).formatted
                let (_, around) = try await http.page(
                    "/kartabl/rooydadha?action=staffCreate&from=\(Self.encoded(from))&to=\(Self.encoded(to))",
                    session: admin)
                #expect(around.contains("۲ رویداد") && around.contains("value=\"\(from)\""))
                let (_, past) = try await http.page("/kartabl/rooydadha?from=1400-1-1&to=1400/01/02", session: admin)
                #expect(past.contains("رویدادی با این فیلترها نیست") && past.contains("۰ رویداد"))

                // A day that is not in the calendar: 400, the Persian reason linked to its input, what was typed kept.
                let (refused, refusedPage) = try await http.page(
                    "/kartabl/rooydadha?from=1405/12/31&actor=fars1", session: admin)
                #expect(refused == .badRequest)
                #expect(refusedPage.contains("href=\"#audit-filter-from\"") && refusedPage.contains("روز دارد"))
                #expect(refusedPage.contains("value=\"1405/12/31\"") && !refusedPage.contains("<tbody>"))
                let (unknown, unknownPage) = try await http.page("/kartabl/rooydadha?action=drop", session: admin)
                #expect(unknown == .badRequest && unknownPage.contains("href=\"#audit-filter-action\""))

                // The API: the same filters as query parameters, the same Persian refusals per field.
                let api = try await http.send(
                    .get, "/api/v1/audit?actor=desk&action=staffCreate&pageSize=1", headers: bearer(admin))
                let list = try api.decode(IdentityAuditList.self)
                #expect(list.total == 2 && list.items.map(\.target) == ["fars1"] && list.pageSize == 1)
                let bad = try await http.send(
                    .get, "/api/v1/audit?from=\(Self.encoded("۱۴۰۵/۱۳/۰۱"))&to=yesterday", headers: bearer(admin))
                #expect(bad.status == .badRequest && Set(bad.error?.fields.map(\.field) ?? []) == ["from", "to"])
                #expect(bad.error?.fields.allSatisfy { isPersianText($0.message) } == true)
            }
        }
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
