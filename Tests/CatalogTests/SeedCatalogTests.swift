import Catalog
import Foundation
import MizPersian
import MizSchema
import MizStorageTesting
import Testing

@Suite("Seed catalog")
struct SeedCatalogTests {
    @Test("the seed loads at least 30 profiles into an empty database, exactly once", arguments: StoreKind.allCases)
    func seedLoadsOnce(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { first in
            #expect(first.seeded)
            let count = try await first.store.snapshot().profiles.count
            #expect(count >= 30)
            let revision = try await first.store.revision()

            // A second start over the same data finds it seeded and adds nothing.
            let second = try await first.secondInstance()
            #expect(!second.seeded)
            let again = try await second.store.snapshot()
            #expect(again.profiles.count == count)
            #expect(again.revision == revision)
            #expect(Set(again.profiles.map(\.code)).count == count)
        }
    }

    @Test("every seed profile is complete and passes the rules of an edit")
    func seedProfilesAreComplete() throws {
        let seed = try SeedCatalog.bundled()
        let categoryKeys = Set(seed.categories.map(\.key))
        let validator = ServiceProfileValidator(categoryKeys: categoryKeys)
        #expect(seed.services.count >= 30)
        #expect(Set(seed.services.map(\.draft.code)).count == seed.services.count, "codes are unique")
        for (draft, active) in seed.services {
            #expect(active, "\(draft.code)")
            #expect(validator.problems(draft).isEmpty, "\(draft.code): \(validator.problems(draft))")
            #expect(isPersian(draft.title) && isPersian(draft.summary) && isPersian(draft.description), "\(draft.code)")
            #expect(!draft.keywords.isEmpty, "\(draft.code) has keywords")
            #expect(!draft.documents.isEmpty, "\(draft.code) lists documents")
            // Reports of violations may come without files; every other service asks for one.
            if !draft.code.hasSuffix("-report") {
                #expect(draft.documents.contains { $0.mandatory }, "\(draft.code) has a mandatory document")
            }
            #expect(!draft.fields.isEmpty, "\(draft.code) has a form")
            #expect(draft.processingDays > 0, "\(draft.code) has a processing time")
            #expect(!draft.legalBasis.isEmpty && !draft.steps.isEmpty, "\(draft.code) has legal basis and steps")
            #expect(!draft.responsibleUnit.isEmpty && !draft.audience.isEmpty, "\(draft.code)")
            #expect(draft.defaultsNote != nil, "\(draft.code) says which values are editable defaults")
            if case .only(let slugs) = draft.provinces {
                #expect(slugs.allSatisfy { Province(slug: $0) != nil }, "\(draft.code)")
            }
        }
        // The seed uses every category and the organization's main services.
        #expect(Set(seed.services.map(\.draft.category)) == categoryKeys)
        let titles = seed.services.map(\.draft.title)
        for title in [
            "تمدید پروانه مرتعداری", "صدور گواهی مستثنیات", "استعلام ملی یا غیرملی بودن زمین", "مجوز حمل چوب",
        ] {
            #expect(titles.contains(title), "\(title)")
        }
    }

    @Test("a seed of an unknown format is refused")
    func unknownFormatIsRefused() {
        #expect(throws: SeedCatalogError.unsupportedFormat(9)) {
            try SeedCatalog(json: Data(#"{"formatVersion": 9, "categories": [], "services": []}"#.utf8))
        }
    }

    @Test("profiles round-trip the wire coding, provinces as \"all\" or a list")
    func wireRoundTrip() throws {
        let seed = try SeedCatalog.bundled()
        let date = Date(timeIntervalSince1970: 1_750_000_000)
        for profile in seed.profiles(at: date) {
            let data = try WireCoding.encoder.encode(profile)
            #expect(try WireCoding.decoder.decode(ServiceProfile.self, from: data) == profile)
        }
        let encoded = try WireCoding.encoder.encode([ProvinceAvailability.all, .only(["gilan"])])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["all",["gilan"]]"#)
    }
}
