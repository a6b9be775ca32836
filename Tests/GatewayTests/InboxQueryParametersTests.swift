import Gateway
import MizSchema
import Testing

@Suite("Inbox filters read from a query string")
struct InboxQueryParametersTests {
    func query(_ text: String) throws -> InboxQuery {
        try InboxQueryParameters(APIQueryParameters(query: text)).query
    }

    @Test("statuses as a list or repeated, any digits for pages, blank fields are no filter")
    func reads() throws {
        let query = try query("status=submitted,fixed&status=fixed&status=needsFix&service=&page=%DB%B2&pageSize=50")
        #expect(query.statuses == [.submitted, .fixed, .needsFix])
        #expect(query.serviceCode == nil && query.page == 2 && query.pageSize == 50 && !query.overdueOnly)
        let defaults = try self.query("")
        #expect(defaults == InboxQuery())
        let filtered = try self.query("overdue=on&province=Fars&from=%DB%B1%DB%B4%DB%B0%DB%B5/01/01&to=1405-12-29")
        #expect(filtered.overdueOnly && filtered.province == "fars")
        #expect(filtered.submittedFrom == "۱۴۰۵/01/01" && filtered.submittedTo == "1405-12-29")
    }

    @Test("an unknown status, a page out of range or a bad overdue value: Persian errors by field")
    func refuses() throws {
        let error = try #require(
            throws: BusError.self, performing: { try query("status=lost&page=0&pageSize=500&overdue=maybe") })
        #expect(error.code == .invalidInput)
        #expect(Set(error.fields.map(\.field)) == ["status", "page", "pageSize", "overdue"])
        #expect(error.fields.allSatisfy { $0.message.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } })
    }
}
