import Catalog
import Foundation
import MizSchema
import MizStorageTesting
import Testing

@Suite("Catalog: the list of a service's versions")
struct CatalogVersionsTests {
    @Test(
        "every version newest first with its title, state and time; staff read it, others do not",
        arguments: StoreKind.allCases)
    func versions(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in try await versions(catalog) }
    }

    /// `versions(kind:)` on one fixture (a function of its own, like the other storage tests).
    func versions(_ catalog: CatalogFixture) async throws {
        let code = "forest-seedling-request"
        let original = try await catalog.routes.profile(
            CatalogProfileRequest(code: code), caller: Callers.administrator)
        let one = try await catalog.routes.versions(CatalogVersionsRequest(code: code), caller: Callers.official)
        #expect(one == ServiceVersionList(code: code, currentVersion: 1, versions: [ServiceVersionSummary(original)]))
        var draft = original.draft
        draft.title = "درخواست نهال رایگان"
        let edited = try await catalog.routes.edit(
            CatalogEditRequest(code: code, baseVersion: 1, profile: draft), caller: Callers.administrator,
            idempotencyKey: nil)
        let deactivated = try await catalog.routes.deactivate(
            CatalogDeactivateRequest(code: code, baseVersion: 2), caller: Callers.administrator, idempotencyKey: nil)
        let list = try await catalog.routes.versions(
            CatalogVersionsRequest(code: " \(code) "), caller: Callers.administrator)
        #expect(list.currentVersion == 3 && list.versions.map(\.version) == [3, 2, 1])
        #expect(list.versions.map(\.active) == [false, true, true])
        #expect(list.versions.map(\.title) == [edited.title, edited.title, original.title])
        #expect(list.versions.first?.updatedAt == deactivated.updatedAt)
        #expect(list.versions.last == ServiceVersionSummary(original))
        // Every listed version is readable in full, as it was stored.
        for summary in list.versions {
            let profile = try await catalog.routes.profile(
                CatalogProfileRequest(code: code, version: summary.version), caller: Callers.official)
            #expect(ServiceVersionSummary(profile) == summary)
        }
        for caller in [Callers.citizen, Callers.requestsService] {
            let refused = await busError {
                try await catalog.routes.versions(CatalogVersionsRequest(code: code), caller: caller)
            }
            #expect(refused?.code == .forbidden && refused?.message.contains("کارکنان") == true)
        }
        let anonymous = await busError {
            try await catalog.routes.versions(CatalogVersionsRequest(code: code), caller: Callers.anonymous)
        }
        #expect(anonymous?.code == .unauthorized)
        for unknown in ["no-such-service", "Not A Code", ""] {
            let missing = await busError {
                try await catalog.routes.versions(CatalogVersionsRequest(code: unknown), caller: Callers.administrator)
            }
            #expect(missing?.code == .notFound, "\(unknown)")
        }
    }
}
