import Foundation
import MizSchema
import MizStorageTesting
import Requests
import Testing

@Suite("requests.submit: bad input gets Persian errors and nothing is stored")
struct SubmitValidationTests {
    /// Submits, expects `code`, and checks that nothing was stored.
    func refused(
        _ fixture: RequestsFixture, _ submission: RequestSubmission, files: [Data],
        caller: Caller = Citizens.ali.caller,
        code: ErrorCode = .invalidInput
    ) async throws -> BusError {
        let error = try #require(await busError { try await fixture.submit(submission, files: files, as: caller) })
        #expect(error.code == code)
        #expect(isPersian(error.message))
        #expect(error.fields.allSatisfy { isPersian($0.message) })
        #expect(try await fixture.allRequests().total == 0)
        #expect(try await fixture.store.outboxCounts().isEmpty)
        return error
    }

    @Test(
        "a valid submission is stored whole, with numbers, due date, documents and an SMS event",
        arguments: StoreKind.allCases)
    func validSubmission(kind: StoreKind) async throws {
        try await RequestsFixture.with(kind) { fixture in
            let receipt = try await fixture.submitValid()
            #expect(receipt.status == .submitted && receipt.dueAt > receipt.submittedAt)
            let detail = try await fixture.routes.detail(
                RequestReference(requestId: receipt.requestId), caller: Citizens.ali.caller)
            #expect(detail.applicant.mobile == "09121234567" && detail.summary.province == "tehran")
            #expect(detail.fields["quantity"] == "12")
            let card = try #require(detail.documents.first { $0.key == "national_card" })
            let (_, bytes) = try #require(
                try await fixture.store.document(requestId: receipt.requestId, documentId: card.documentId))
            #expect(bytes == Samples.jpeg && card.size == Samples.jpeg.count && card.sha256.count == 64)
            #expect(try await fixture.store.outboxCounts() == ["pending": 1])
        }
    }

    @Test("wrong field types, unknown options and a missing required field: one message per field")
    func wrongFieldTypes() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let (base, files) = try await fixture.valid()
        var submission = base
        submission.fields["quantity"] = "بیست عدد"
        submission.fields["purpose"] = "nonsense"
        submission.fields["county"] = nil
        submission.fields["colour"] = "سبز"
        let error = try await refused(fixture, submission, files: files)
        #expect(
            Set(error.fields.map(\.field)) == ["fields.quantity", "fields.purpose", "fields.county", "fields.colour"])
    }

    @Test("a bad Jalali date in a datetime field")
    func badDate() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let (base, files) = try await fixture.valid("permits-research-protected-forest")
        var submission = base
        submission.fields["start_date"] = "۱۴۰۵/۱۳/۴۰"
        let error = try await refused(fixture, submission, files: files)
        #expect(error.fields.map(\.field) == ["fields.start_date"])
    }

    @Test("a missing mandatory document")
    func missingDocument() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        var (submission, files) = try await fixture.valid()
        submission.documents = []
        files = []
        let error = try await refused(fixture, submission, files: files)
        #expect(error.fields.map(\.field) == ["documents.national_card"])
    }

    @Test("a PNG renamed .pdf, an executable renamed .jpg, and a PNG where only PDF is accepted")
    func disguisedFiles() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        var (submission, _) = try await fixture.valid()
        submission.documents = [DocumentUpload(key: "national_card", fileName: "card.pdf", attachment: 0)]
        let renamed = try await refused(fixture, submission, files: [Samples.png])
        #expect(renamed.fields.map(\.field) == ["documents.national_card"])
        #expect(renamed.fields.first?.message.contains("PNG") == true)

        submission.documents = [DocumentUpload(key: "national_card", fileName: "card.jpg", attachment: 0)]
        let executable = try await refused(fixture, submission, files: [Samples.elf])
        #expect(executable.fields.map(\.field) == ["documents.national_card"])

        var (research, files) = try await fixture.valid("permits-research-protected-forest")
        let index = try #require(research.documents.firstIndex { $0.key == "introduction_letter" })
        files[research.documents[index].attachment] = Samples.png
        research.documents[index].fileName = "letter.png"
        let pdfOnly = try await refused(fixture, research, files: files)
        #expect(pdfOnly.fields.map(\.field) == ["documents.introduction_letter"])
    }

    @Test("a file over the profile's size limit")
    func oversized() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        var (submission, _) = try await fixture.valid()
        let limit = try #require(try await fixture.profile("forest-seedling-request").documents.first?.maxSizeKB)
        let big = Samples.pdf + Data(repeating: 0x20, count: limit * 1024)
        submission.documents = [DocumentUpload(key: "national_card", fileName: "card.pdf", attachment: 0)]
        let error = try await refused(fixture, submission, files: [big])
        #expect(error.fields.map(\.field) == ["documents.national_card"])
    }

    @Test("DWG is accepted only where the profile allows it")
    func dwgWhereAllowed() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        var (submission, files) = try await fixture.valid("land-exemption-certificate")
        submission.documents.append(
            DocumentUpload(key: "property_map_dwg", fileName: "map.dwg", attachment: files.count))
        files.append(Samples.dwg)
        let receipt = try await fixture.submit(submission, files: files)
        let detail = try await fixture.routes.detail(
            RequestReference(requestId: receipt.requestId), caller: Citizens.ali.caller)
        #expect(detail.documents.contains { $0.key == "property_map_dwg" && $0.fileType == .dwg })

        var (seedling, _) = try await fixture.valid()
        seedling.documents = [DocumentUpload(key: "national_card", fileName: "card.dwg", attachment: 0)]
        let error = try #require(await busError { try await fixture.submit(seedling, files: [Samples.dwg]) })
        #expect(error.fields.map(\.field) == ["documents.national_card"])
    }

    @Test("an unknown service, and a province that does not offer the service")
    func unknownServiceAndProvince() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let (base, files) = try await fixture.valid()
        var submission = base
        submission.serviceCode = "no-such-service"
        let unknown = try await refused(fixture, submission, files: files)
        #expect(unknown.fields.map(\.field) == ["serviceCode"])

        let (resettlement, resettlementFiles) = try await fixture.valid(
            "forest-dwellers-resettlement", province: "gilan")
        var elsewhere = resettlement
        elsewhere.province = "tehran"
        let notOffered = try await refused(fixture, elsewhere, files: resettlementFiles)
        #expect(notOffered.fields.map(\.field) == ["province"])
        elsewhere.province = "atlantis"
        #expect(try await refused(fixture, elsewhere, files: resettlementFiles).fields.map(\.field) == ["province"])
        _ = try await fixture.submit(resettlement, files: resettlementFiles)
    }

    @Test("anonymous and staff cannot submit; a citizen cannot apply in another's name")
    func whoMaySubmit() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let (submission, files) = try await fixture.valid()
        _ = try await refused(fixture, submission, files: files, caller: .anonymous, code: .unauthorized)
        _ = try await refused(fixture, submission, files: files, caller: Staff.tehran, code: .forbidden)
        _ = try await refused(fixture, submission, files: files, caller: Citizens.fatemeh.caller, code: .forbidden)
    }

    @Test("an applicant the registry does not confirm")
    func applicantNotConfirmed() async throws {
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let (base, files) = try await fixture.valid()
        var submission = base
        submission.applicant.birthDate = "1371/05/12"
        let error = try await refused(fixture, submission, files: files)
        #expect(error.message == IdentityVerificationMessages.applicantInvalid)
        #expect(error.fields.map(\.field) == ["applicant.nationalCode", "applicant.birthDate"])
    }
}
