import Foundation
import MizPersian
import MizSchema
import MizStorageTesting
import Requests
import Testing

@Suite("Process numbers and tracking codes")
struct NumbersTests {
    @Test(
        "process numbers read year-province-sequence, unique per year and province, also under concurrency",
        arguments: StoreKind.allCases)
    func processNumbers(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let tehran = try await withThrowingTaskGroup(of: RequestReceipt.self) { group in
                for _ in 0..<20 { group.addTask { try await fixture.submitValid(province: "tehran") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let fars = try await fixture.submitValid(province: "fars")
            let year = JalaliDate(gregorian: fixture.clock.now).year
            let numbers = tehran.map(\.processNumber)
            #expect(Set(numbers).count == 20)
            #expect(Set(numbers) == Set((1...20).map { String(format: "\(year)-\(Province.tehran.number)-%06d", $0) }))
            #expect(fars.processNumber == "\(year)-\(try #require(Province(slug: "fars")).number)-000001")
            #expect(numbers.allSatisfy { $0.wholeMatch(of: /\d{4}-\d{2}-\d{6}/) != nil })
            #expect(ProcessNumber(parsing: "۱۴۰۵-۲۳-۰۰۰۱۲۳")?.description == "1405-23-000123")
            #expect(ProcessNumber(parsing: "1405/23/123")?.description == "1405-23-000123")
            #expect(ProcessNumber(parsing: "1405-23") == nil && ProcessNumber(parsing: "abcd-23-000001") == nil)
        }
    }

    @Test("tracking codes: 16 Crockford characters (80 bits), no look-alikes, all different; typed forms read back")
    func trackingCodes() throws {
        let codes = (0..<2000).map { _ in TrackingCode.random() }
        #expect(Set(codes.map(\.characters)).count == codes.count)
        #expect(TrackingCode.entropyBits >= 64)
        let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        #expect(codes.allSatisfy { $0.characters.count == 16 && $0.characters.allSatisfy(alphabet.contains) })
        #expect(codes.allSatisfy { !$0.characters.contains(where: "ILOU".contains) })
        let used = Set(codes.flatMap(\.characters))
        #expect(used == alphabet, "every symbol appears, so each carries its 5 bits")
        let code = try #require(codes.first)
        #expect(code.formatted.wholeMatch(of: /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) != nil)
        #expect(TrackingCode(parsing: code.formatted.lowercased())?.hash == code.hash)
        #expect(TrackingCode(parsing: " k7p2 9qxm-4hnc-t8vb ")?.characters == "K7P29QXM4HNCT8VB")
        #expect(TrackingCode(parsing: "O1IL-0000-0000-000۰")?.characters == "0111000000000000")
        #expect(TrackingCode(parsing: "K7P2-9QXM") == nil && TrackingCode(parsing: "K7P2-9QXM-4HNC-T8V!") == nil)
        #expect(code.hash.count == 64 && code.hash != code.characters)
    }
}
