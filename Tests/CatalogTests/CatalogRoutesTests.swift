import Catalog
import Foundation
import MizSchema
import MizStorageTesting
import Testing

@Suite("Catalog routes: profiles, versions, access")
struct CatalogRoutesTests {
    @Test("a profile is read by code; an unknown code is not found, in Persian", arguments: StoreKind.allCases)
    func profileByCode(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let profile = try await catalog.routes.profile(
                CatalogProfileRequest(code: "land-exemption-certificate"), caller: Callers.anonymous)
            #expect(profile.version == 1 && profile.active)
            #expect(profile.title == "صدور گواهی مستثنیات")
            let error = try #require(
                await busError {
                    try await catalog.routes.profile(
                        CatalogProfileRequest(code: "no-such-service"), caller: Callers.citizen)
                })
            #expect(error.code == .notFound)
            #expect(error.message == "خدمت مورد نظر یافت نشد.")
            let badVersion = try #require(
                await busError {
                    try await catalog.routes.profile(
                        CatalogProfileRequest(code: "land-exemption-certificate", version: 0), caller: Callers.citizen)
                })
            #expect(badVersion.code == .invalidInput)
        }
    }

    @Test("editing creates version 2 and version 1 stays readable", arguments: StoreKind.allCases)
    func editCreatesVersion(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let code = "forest-seedling-request"
            let original = try await catalog.routes.profile(
                CatalogProfileRequest(code: code), caller: Callers.administrator)
            var draft = original.draft
            draft.processingDays = 12
            draft.title = "درخواست نهال رايگان"  // with an Arabic ي, tidied on the way in
            let edited = try await catalog.routes.edit(
                CatalogEditRequest(code: code, baseVersion: 1, profile: draft), caller: Callers.administrator,
                idempotencyKey: nil)
            #expect(edited.version == 2)
            #expect(edited.processingDays == 12)
            #expect(edited.title == "درخواست نهال رایگان")

            let current = try await catalog.routes.profile(CatalogProfileRequest(code: code), caller: Callers.citizen)
            #expect(current == edited)
            let first = try await catalog.routes.profile(
                CatalogProfileRequest(code: code, version: 1), caller: Callers.citizen)
            #expect(first == original)
            let missing = await busError {
                try await catalog.routes.profile(CatalogProfileRequest(code: code, version: 3), caller: Callers.citizen)
            }
            #expect(missing?.code == .notFound)

            // The index follows the edit at once: search and list show version 2.
            let found = try await catalog.routes.search(
                CatalogSearchQuery(text: "نهال رایگان"), caller: Callers.citizen)
            #expect(found.items.first?.code == code && found.items.first?.version == 2)

            // An edit from a stale version is refused instead of overwriting version 2.
            let stale = await busError {
                try await catalog.routes.edit(
                    CatalogEditRequest(code: code, baseVersion: 1, profile: draft), caller: Callers.administrator,
                    idempotencyKey: nil)
            }
            #expect(stale?.code == .conflict)
            #expect(try await catalog.store.profile(code: code, version: nil)?.version == 2)
        }
    }

    @Test("a retried write with the same idempotency key is done once", arguments: StoreKind.allCases)
    func idempotentWrites(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let code = "forest-seedling-request"
            var draft = try await catalog.routes.profile(
                CatalogProfileRequest(code: code), caller: Callers.administrator
            )
            .draft
            draft.processingDays = 14
            let request = CatalogEditRequest(code: code, baseVersion: nil, profile: draft)
            let first = try await catalog.routes.edit(request, caller: Callers.administrator, idempotencyKey: "key-1")
            let retried = try await catalog.routes.edit(request, caller: Callers.administrator, idempotencyKey: "key-1")
            #expect(first == retried)
            #expect(try await catalog.store.profile(code: code, version: nil)?.version == 2)
            let created = try await catalog.routes.create(
                CatalogCreateRequest(profile: sampleDraft()), caller: Callers.administrator, idempotencyKey: "key-2")
            let createdAgain = try await catalog.routes.create(
                CatalogCreateRequest(profile: sampleDraft()), caller: Callers.administrator, idempotencyKey: "key-2")
            #expect(created == createdAgain)
            // The same key on another route is a conflict, not a replay.
            let reused = await busError {
                try await catalog.routes.deactivate(
                    CatalogDeactivateRequest(code: code), caller: Callers.administrator, idempotencyKey: "key-1")
            }
            #expect(reused?.code == .conflict)
            // Without a key, a second create of the same code is a conflict.
            let duplicate = await busError {
                try await catalog.routes.create(
                    CatalogCreateRequest(profile: sampleDraft()), caller: Callers.administrator, idempotencyKey: nil)
            }
            #expect(duplicate?.code == .conflict)
        }
    }

    @Test("a created service is active at version 1 and found by search", arguments: StoreKind.allCases)
    func createService(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let draft = sampleDraft(code: "permits-mushroom-picking", title: "مجوز برداشت قارچ خوراکی از جنگل")
            let created = try await catalog.routes.create(
                CatalogCreateRequest(profile: draft), caller: Callers.administrator, idempotencyKey: nil)
            #expect(created.version == 1 && created.active)
            #expect(try await catalog.codes("قارچ جنگل").first == "permits-mushroom-picking")
            let categories = try await catalog.routes.categories(CatalogCategoriesRequest(), caller: Callers.anonymous)
            let seedCount = try await catalog.store.snapshot().profiles.count
            #expect(categories.categories.map(\.serviceCount).reduce(0, +) == seedCount)
        }
    }

    @Test(
        "a deactivated service is neither listed nor found; staff and old versions still read it",
        arguments: StoreKind.allCases)
    func deactivation(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let code = "permits-beekeeping-site"
            let before = try await catalog.routes.list(CatalogListRequest(pageSize: 50), caller: Callers.citizen)
            let provincesBefore = try await catalog.routes.provinces(CatalogProvincesRequest(), caller: Callers.citizen)
            let deactivated = try await catalog.routes.deactivate(
                CatalogDeactivateRequest(code: code, baseVersion: 1), caller: Callers.administrator, idempotencyKey: nil
            )
            #expect(deactivated.version == 2 && !deactivated.active)

            #expect(!(try await catalog.codes("زنبورستان").contains(code)))
            let after = try await catalog.routes.list(CatalogListRequest(pageSize: 50), caller: Callers.citizen)
            #expect(after.total == before.total - 1)
            #expect(!after.items.map(\.code).contains(code))
            let provincesAfter = try await catalog.routes.provinces(CatalogProvincesRequest(), caller: Callers.citizen)
            #expect(
                zip(provincesBefore.provinces, provincesAfter.provinces).allSatisfy {
                    $0.serviceCount == $1.serviceCount + 1
                })

            let hidden = await busError {
                try await catalog.routes.profile(CatalogProfileRequest(code: code), caller: Callers.citizen)
            }
            #expect(hidden?.code == .notFound)
            #expect(
                try await catalog.routes.profile(CatalogProfileRequest(code: code), caller: Callers.official).active
                    == false)
            #expect(
                try await catalog.routes.profile(CatalogProfileRequest(code: code), caller: Callers.requestsService)
                    .version
                    == 2)
            #expect(
                try await catalog.routes.profile(CatalogProfileRequest(code: code, version: 1), caller: Callers.citizen)
                    .active)

            // Staff may list inactive services; citizens may not ask to.
            let staffList = try await catalog.routes.list(
                CatalogListRequest(pageSize: 50, includeInactive: true), caller: Callers.official)
            #expect(staffList.items.contains { $0.code == code && !$0.active })
            let refused = await busError {
                try await catalog.routes.list(CatalogListRequest(includeInactive: true), caller: Callers.citizen)
            }
            #expect(refused?.code == .forbidden)

            // Deactivating twice is a conflict; an edit may activate it again.
            let twice = await busError {
                try await catalog.routes.deactivate(
                    CatalogDeactivateRequest(code: code), caller: Callers.administrator, idempotencyKey: nil)
            }
            #expect(twice?.code == .conflict)
            let revived = try await catalog.routes.edit(
                CatalogEditRequest(code: code, baseVersion: 2, profile: deactivated.draft, active: true),
                caller: Callers.administrator, idempotencyKey: nil)
            #expect(revived.version == 3 && revived.active)
            #expect(try await catalog.codes("زنبورستان").contains(code))
        }
    }

    @Test(
        "reactivation stores an active version with the same content; the list finds by words and by state",
        arguments: StoreKind.allCases)
    func reactivationAndStaffList(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let code = "permits-beekeeping-site"
            let original = try await catalog.routes.profile(CatalogProfileRequest(code: code), caller: Callers.citizen)
            let active = await busError {
                try await catalog.routes.reactivate(
                    CatalogReactivateRequest(code: code), caller: Callers.administrator, idempotencyKey: nil)
            }
            #expect(active?.code == .conflict && isPersian(active?.message ?? ""))
            _ = try await catalog.routes.deactivate(
                CatalogDeactivateRequest(code: code, baseVersion: 1), caller: Callers.administrator, idempotencyKey: nil
            )

            // Only staff may list the switched-off services; the words find them too.
            let inactive = try await catalog.routes.list(
                CatalogListRequest(pageSize: 50, onlyInactive: true), caller: Callers.official)
            #expect(inactive.items.map(\.code) == [code])
            let found = try await catalog.routes.list(
                CatalogListRequest(text: "زنبورستان", pageSize: 50, includeInactive: true), caller: Callers.official)
            #expect(found.items.first?.code == code && found.items.first?.active == false)
            let activeOnly = try await catalog.routes.list(
                CatalogListRequest(text: "زنبورستان", pageSize: 50), caller: Callers.citizen)
            #expect(!activeOnly.items.map(\.code).contains(code))
            let refused = await busError {
                try await catalog.routes.list(CatalogListRequest(onlyInactive: true), caller: Callers.citizen)
            }
            #expect(refused?.code == .forbidden)
            let tooLong = await busError {
                try await catalog.routes.list(
                    CatalogListRequest(text: String(repeating: "م", count: 201)), caller: Callers.citizen)
            }
            #expect(tooLong?.fields.map(\.field) == ["text"])

            // A stale base version is a conflict and stores nothing; then it comes back.
            let stale = await busError {
                try await catalog.routes.reactivate(
                    CatalogReactivateRequest(code: code, baseVersion: 1), caller: Callers.administrator,
                    idempotencyKey: nil)
            }
            #expect(stale?.code == .conflict)
            let revived = try await catalog.routes.reactivate(
                CatalogReactivateRequest(code: code, baseVersion: 2), caller: Callers.administrator,
                idempotencyKey: "revive-1")
            #expect(revived.version == 3 && revived.active)
            #expect(revived.draft == original.draft)
            let again = try await catalog.routes.reactivate(
                CatalogReactivateRequest(code: code, baseVersion: 2), caller: Callers.administrator,
                idempotencyKey: "revive-1")
            #expect(again == revived, "the same key answers the stored reply")
            #expect(try await catalog.codes("زنبورستان").contains(code))
            let refusedOfficial = await busError {
                try await catalog.routes.reactivate(
                    CatalogReactivateRequest(code: code), caller: Callers.official, idempotencyKey: nil)
            }
            #expect(refusedOfficial?.code == .forbidden)
            let unknown = await busError {
                try await catalog.routes.reactivate(
                    CatalogReactivateRequest(code: "no-such-service"), caller: Callers.administrator,
                    idempotencyKey: nil)
            }
            #expect(unknown?.code == .notFound)
        }
    }

    @Test(
        "only an administrator may create, edit or deactivate",
        arguments: StoreKind.allCases,
        [
            (Callers.anonymous, ErrorCode.unauthorized), (Callers.citizen, .forbidden), (Callers.official, .forbidden),
            (Callers.requestsService, .forbidden),
        ])
    func writesNeedAdministrator(kind: StoreKind, access: (caller: Caller, expected: ErrorCode)) async throws {
        let (caller, expected) = access
        try await CatalogFixture.with(kind) { catalog in
            let revision = try await catalog.store.revision()
            let code = "forest-seedling-request"
            let draft = try await catalog.routes.profile(
                CatalogProfileRequest(code: code), caller: Callers.administrator
            )
            .draft
            let create = await busError {
                try await catalog.routes.create(
                    CatalogCreateRequest(profile: sampleDraft()), caller: caller, idempotencyKey: nil)
            }
            let edit = await busError {
                try await catalog.routes.edit(
                    CatalogEditRequest(code: code, baseVersion: 1, profile: draft), caller: caller, idempotencyKey: nil)
            }
            let deactivate = await busError {
                try await catalog.routes.deactivate(
                    CatalogDeactivateRequest(code: code), caller: caller, idempotencyKey: nil)
            }
            #expect([create?.code, edit?.code, deactivate?.code] == [expected, expected, expected])
            #expect([create, edit, deactivate].allSatisfy { isPersian($0?.message ?? "") })
            #expect(try await catalog.store.revision() == revision, "nothing was stored")
        }
    }

    @Test("an invalid draft gives Persian field errors and stores nothing", arguments: StoreKind.allCases)
    func invalidDraft(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in try await checkInvalidDraft(catalog) }
    }

    /// The body of `invalidDraft`, a method of its own: nested in the fixture's closure, Swift 6.3.1
    /// miscompiles it (the edit below ran as if the code matched).
    private func checkInvalidDraft(_ catalog: CatalogFixture) async throws {
        let revision = try await catalog.store.revision()
        var draft = sampleDraft(code: "Bad Code!", title: "  ", category: "space", provinces: .only(["atlantis"]))
        draft.processingDays = 0
        draft.fee = Fee(kind: .fixed, amountRials: -5, payment: nil)
        draft.documents[0].maxSizeKB = 0
        draft.documents[0].acceptedTypes = []
        draft.fields.append(
            FormAttribute(code: "county", datatype: .multivaluelist, required: false, description: "تکراری", order: 3))
        draft.steps = []
        let invalid = draft
        let error = try #require(
            await busError {
                try await catalog.routes.create(
                    CatalogCreateRequest(profile: invalid), caller: Callers.administrator, idempotencyKey: nil)
            })
        #expect(error.code == .invalidInput)
        let fields = Set(error.fields.map(\.field))
        let expected: Set<String> = [
            "profile.code", "profile.title", "profile.category", "profile.provinces[0]", "profile.processingDays",
            "profile.fee.amountRials", "profile.fee.payment", "profile.documents[0].maxSizeKB",
            "profile.documents[0].acceptedTypes", "profile.fields[2].code", "profile.fields[2].values", "profile.steps",
        ]
        #expect(fields == expected)
        #expect(error.fields.allSatisfy { isPersian($0.message) })
        #expect(try await catalog.store.revision() == revision)
        #expect(try await catalog.store.profile(code: "Bad Code!", version: nil) == nil)

        // An edit may not change the code.
        let seedling = try await catalog.routes.profile(
            CatalogProfileRequest(code: "forest-seedling-request"), caller: Callers.administrator)
        let renamed = seedling.draft.with(code: "forest-seedling-request-2")
        let rename = await busError {
            try await catalog.routes.edit(
                CatalogEditRequest(code: "forest-seedling-request", baseVersion: nil, profile: renamed),
                caller: Callers.administrator, idempotencyKey: nil)
        }
        #expect(rename?.fields.map(\.field) == ["profile.code"])
        #expect(try await catalog.store.revision() == revision)
    }

    @Test("provinces: all 31 with the active services each offers", arguments: StoreKind.allCases)
    func provinces(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let list = try await catalog.routes.provinces(CatalogProvincesRequest(), caller: Callers.anonymous)
            #expect(list.provinces.count == 31)
            #expect(list.provinces.first?.code == "IR-00" && list.provinces.last?.slug == "alborz")
            let total = try await catalog.store.snapshot().profiles.count
            let tehran = try #require(list.provinces.first { $0.slug == "tehran" })
            let gilan = try #require(list.provinces.first { $0.slug == "gilan" })
            #expect(tehran.persianName == "تهران" && tehran.capital == "تهران")
            #expect(gilan.serviceCount == total)
            #expect(tehran.serviceCount == total - 2)
        }
    }

    @Test("the wire routes are named catalog.* and only reads are idempotent")
    func routeNames() {
        #expect(Routes.Catalog.search.name == "catalog.search" && Routes.Catalog.search.isIdempotent)
        #expect(Routes.Catalog.profile.service == "catalog")
        #expect(
            !Routes.Catalog.create.isIdempotent && !Routes.Catalog.edit.isIdempotent
                && !Routes.Catalog.deactivate.isIdempotent && !Routes.Catalog.reactivate.isIdempotent)
        #expect(Routes.Catalog.reactivate.name == "catalog.reactivate")
    }
}

extension ServiceProfileDraft {
    /// A copy under another code.
    fileprivate func with(code: String) -> ServiceProfileDraft {
        var copy = self
        copy.code = code
        return copy
    }
}
