import Catalog
import Foundation
import MizSchema
import MizStorageTesting
import Testing

/// What several instances of the catalog sharing one store must never do: seed twice, or let
/// two edits become the same version.
@Suite("Catalog store: several instances over one store")
struct CatalogStoreTests {
    @Test("instances starting together seed the catalog once", arguments: StoreKind.allCases)
    func concurrentSeedOnce(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { first in
            let seed = try SeedCatalog.bundled()
            let count = try await first.store.snapshot().profiles.count
            let revision = try await first.store.revision()
            let others = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let instance = try await first.secondInstance()
                        return try await instance.store.seedIfEmpty(
                            categories: seed.categories, profiles: seed.profiles(at: Date()))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(others == [false, false, false, false])
            #expect(try await first.store.snapshot().profiles.count == count)
            #expect(try await first.store.revision() == revision)
        }
    }

    @Test("edits from two instances at once become versions 2 to 9, none lost", arguments: StoreKind.allCases)
    func concurrentEditsSerialize(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { first in
            let second = try await first.secondInstance()
            let code = "forest-seedling-request"
            let revision = try await first.store.revision()
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    let store = index.isMultiple(of: 2) ? first.store : second.store
                    group.addTask {
                        try await store.appendVersion(code: code, idempotency: nil) { current in
                            var next = current
                            next.processingDays = current.processingDays + 1
                            return next
                        }.version
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(versions.sorted() == Array(2...9))
            let current = try #require(try await first.store.profile(code: code, version: nil))
            let original = try #require(try await first.store.profile(code: code, version: 1))
            #expect(current.version == 9)
            #expect(current.processingDays == original.processingDays + 8, "each edit saw the one before it")
            #expect(try await second.store.revision() == revision + 8)
        }
    }

    @Test("a refused revision stores nothing", arguments: StoreKind.allCases)
    func refusedRevisionStoresNothing(kind: StoreKind) async throws {
        try await CatalogFixture.with(kind) { catalog in
            let code = "forest-seedling-request"
            let revision = try await catalog.store.revision()
            await #expect(throws: CatalogStoreError.versionMismatch(current: 1)) {
                try await catalog.store.appendVersion(
                    code: code, idempotency: IdempotencyClaim(key: "refused", route: "catalog.edit")
                ) { current in
                    throw CatalogStoreError.versionMismatch(current: current.version)
                }
            }
            await #expect(throws: CatalogStoreError.unknownService("no-such-service")) {
                try await catalog.store.appendVersion(code: "no-such-service", idempotency: nil) { $0 }
            }
            #expect(try await catalog.store.revision() == revision)
            #expect(try await catalog.store.profile(code: code, version: 2) == nil)
            // The refused call's key was not kept: the same key may store a real edit now.
            let edited = try await catalog.store.appendVersion(
                code: code, idempotency: IdempotencyClaim(key: "refused", route: "catalog.edit")
            ) { $0 }
            #expect(edited.version == 2)
        }
    }
}
