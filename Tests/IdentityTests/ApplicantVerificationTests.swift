import Foundation
import IdentityVerifier
import MizPersian
import MizSchema
import MizStorageTesting
import Testing

@Suite("identity.verifyApplicant against the embedded registry")
struct ApplicantVerificationTests {
    @Test("each malformed field gets its own Persian format error, before any registry is asked")
    func formatErrorsPerField() async throws {
        let routes = IdentityRoutes(registry: DownRegistry())
        let cases: [(IdentityVerifyRequest, String)] = [
            (with(Demo.ali) { $0.nationalCode = "0012345678" }, "nationalCode"),  // check digit
            (with(Demo.ali) { $0.nationalCode = "1111111111" }, "nationalCode"),  // repeated digits
            (with(Demo.ali) { $0.nationalCode = "12345" }, "nationalCode"),
            (with(Demo.ali) { $0.birthDate = "1404/12/30" }, "birthDate"),  // not a leap year
            (with(Demo.ali) { $0.birthDate = "70/05/12" }, "birthDate"),
            (with(Demo.ali) { $0.birthDate = "1370/13/01" }, "birthDate"),
            (with(Demo.ali) { $0.birthDate = "1499/01/01" }, "birthDate"),  // in the future
            (with(Demo.ali) { $0.firstName = "  " }, "firstName"),
            (with(Demo.ali) { $0.firstName = "Ali" }, "firstName"),
            (with(Demo.ali) { $0.lastName = "رضایی۲" }, "lastName"),
            (with(Demo.ali) { $0.mobile = "09991234567" }, "mobile"),  // unknown operator prefix
            (with(Demo.ali) { $0.mobile = "0912123" }, "mobile"),
        ]
        for (request, field) in cases {
            let error = try #require(await busError { try await routes.verifyApplicant(request, logger: testLogger) })
            #expect(error.code == .invalidInput, "\(field)")
            #expect(error.fields.map(\.field) == [field], "\(request)")
            #expect(error.message != IdentityVerificationMessages.applicantInvalid)
            #expect(error.fields.allSatisfy { !$0.message.isEmpty })
        }
        let all = IdentityVerifyRequest(nationalCode: "x", birthDate: "", firstName: "", lastName: "", mobile: "")
        let error = try #require(await busError { try await routes.verifyApplicant(all, logger: testLogger) })
        #expect(Set(error.fields.map(\.field)) == ["nationalCode", "birthDate", "firstName", "lastName", "mobile"])
    }

    @Test("a demo citizen is verified, typed in Persian digits, Arabic letters and split names")
    func demoCitizenVerified() async throws {
        let fixture = try await RegistryFixture()
        defer { fixture.remove() }
        let reply = try await fixture.routes.verifyApplicant(Demo.ali, logger: testLogger)
        #expect(reply.nationalCode == "0012345679" && reply.mobile == "09121234567" && reply.birthDate == "1370-05-12")
        let typed = IdentityVerifyRequest(
            nationalCode: "۰۰۳۴۵۶۷۸۹۵", birthDate: "۱۳۵۸/۷/۳۰", firstName: "محمد رضا", lastName: "كريمي",
            mobile: "+98 919 111 2233")
        let second = try await fixture.routes.verifyApplicant(typed, logger: testLogger)
        #expect(second.nationalCode == "0034567895" && second.mobile == "09191112233")
        let leap = IdentityVerifyRequest(
            nationalCode: "0056789122", birthDate: "1375-12-30", firstName: "مریم", lastName: "احمدی",
            mobile: "09301234567")
        _ = try await fixture.routes.verifyApplicant(leap, logger: testLogger)
        let zwnj = IdentityVerifyRequest(
            nationalCode: "0045678911", birthDate: "1380/01/01", firstName: "زهرا", lastName: "حسینی نژاد",
            mobile: "09011234567")
        _ = try await fixture.routes.verifyApplicant(zwnj, logger: testLogger)
    }

    @Test("a registry mismatch and an unowned mobile give the same error: the seed's message and hints")
    func mismatchAndUnownedMobileAreIndistinguishable() async throws {
        let fixture = try await RegistryFixture()
        defer { fixture.remove() }
        let wrongBirthDate = with(Demo.ali) { $0.birthDate = "1370/05/13" }
        let wrongName = with(Demo.ali) { $0.lastName = "رضائی‌پور" }
        let unknownCode = with(Demo.ali) { $0.nationalCode = "0078912342" }
        let othersMobile = with(Demo.ali) { $0.mobile = Demo.fatemeh.mobile }
        var errors: [BusError] = []
        for request in [wrongBirthDate, wrongName, unknownCode, othersMobile] {
            errors.append(
                try #require(await busError { try await fixture.routes.verifyApplicant(request, logger: testLogger) }))
        }
        #expect(errors.allSatisfy { $0 == IdentityVerificationMessages.applicantInvalidError })
        let error = errors[0]
        #expect(error.code == .invalidInput)
        #expect(error.message == "اطلاعات متقاضی معتبر نمی باشد")
        #expect(error.fields.map(\.field) == ["nationalCode", "birthDate"])
        #expect(error.fields[1].message.contains("تقویم"))
        // Nothing of the registry's record is in the error.
        let text = "\(error.message) \(error.fields.map(\.message))"
        #expect(!text.contains("علی") && !text.contains("رضایی"))
    }

    @Test("a registry that is down gives «try again later» (unavailable), never the mismatch")
    func registryDownIsUnavailable() async throws {
        let routes = IdentityRoutes(registry: DownRegistry())
        let error = try #require(await busError { try await routes.verifyApplicant(Demo.ali, logger: testLogger) })
        #expect(error.code == .unavailable)
        #expect(error.message == IdentityVerificationMessages.registryUnavailable)
        #expect(error.message.contains("دوباره تلاش کنید"))
        #expect(error.message != IdentityVerificationMessages.applicantInvalid)
    }

    @Test("an embedded registry still being generated answers unavailable, not «no such person»")
    func emptyRegistryIsUnavailable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let registry = try EmbeddedRegistry(path: folder.appendingPathComponent("r.sqlite").path)
        #expect(await registry.isReady() == false)
        let routes = IdentityRoutes(registry: registry)
        let error = try #require(await busError { try await routes.verifyApplicant(Demo.ali, logger: testLogger) })
        #expect(error.code == .unavailable)
        #expect(try await registry.populate(count: 10, seed: 1) == 15)
        #expect(try await registry.populate(count: 10, seed: 1) == 0)
        #expect(await registry.isReady())
        _ = try await routes.verifyApplicant(Demo.ali, logger: testLogger)
    }

    @Test("a generated citizen is verified; generation is deterministic and valid")
    func generatedPopulation() async throws {
        let first = SyntheticPopulation.generate(count: 3000, seed: 42)
        #expect(first == SyntheticPopulation.generate(count: 3000, seed: 42))
        #expect(first != SyntheticPopulation.generate(count: 3000, seed: 43))
        #expect(Set(first.map(\.nationalCode)).count == 3000 && Set(first.map(\.mobile)).count == 3000)
        for citizen in first {
            #expect((try? NationalCode(validating: citizen.nationalCode)) != nil)
            #expect((try? MobileNumber(validating: citizen.mobile)) != nil)
            #expect((try? JalaliDate.parse(citizen.birthDate).get()) != nil)
        }
        #expect(first.allSatisfy { !DemoCitizens.all.map(\.nationalCode).contains($0.nationalCode) })
        let fixture = try await RegistryFixture(population: 3000, seed: 42)
        defer { fixture.remove() }
        #expect(try await fixture.registry.citizenCount() == 3005)
        let someone = try #require(try await fixture.registry.citizen(atOffset: 1234))
        let request = IdentityVerifyRequest(
            nationalCode: someone.nationalCode, birthDate: someone.birthDate, firstName: someone.firstName,
            lastName: someone.lastName, mobile: someone.mobile)
        _ = try await fixture.routes.verifyApplicant(request, logger: testLogger)
    }

    @Test("the full registry is generated: 100,000 synthetic citizens and the demo ones, the last one verifiable")
    func fullPopulation() async throws {
        let fixture = try await RegistryFixture(
            population: SyntheticPopulation.defaultCount, seed: SyntheticPopulation.defaultSeed)
        defer { fixture.remove() }
        #expect(try await fixture.registry.citizenCount() == 100_005)
        let last = try #require(try await fixture.registry.citizen(atOffset: 100_004))
        let request = IdentityVerifyRequest(
            nationalCode: last.nationalCode, birthDate: last.birthDate, firstName: last.firstName,
            lastName: last.lastName, mobile: last.mobile)
        _ = try await fixture.routes.verifyApplicant(request, logger: testLogger)
    }
}

/// A copy of `value` changed by `change`.
func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
    var copy = value
    change(&copy)
    return copy
}
