import Catalog
import Foundation
import MizSchema
import MizStorageTesting
import Requests
import Synchronization
import Testing

@Suite("requests.submit: catalog profiles are cached, an edit is seen within a second")
struct ProfileCacheTests {
    @Test("submissions of one service within a second ask the catalog once")
    func cachedProfileIsUsed() async throws {
        try await RequestsFixture.with(.sqlite) { fixture in
            let (submission, files) = try await fixture.valid()
            let before = fixture.upstream.profileLookups
            _ = try await fixture.submit(submission, files: files)
            fixture.clock.advance(0.5)
            _ = try await fixture.submit(submission, files: files)
            #expect(fixture.upstream.profileLookups - before == 1)
            #expect(try await fixture.allRequests().total == 2)
        }
    }

    @Test("an edited profile is used once the second has passed, and not before")
    func editIsSeenAfterLifetime() async throws {
        try await RequestsFixture.with(.sqlite) { fixture in
            let code = "forest-seedling-request"
            let (submission, files) = try await fixture.valid(code)
            let first = try await fixture.submit(submission, files: files)
            #expect(try await version(of: first, in: fixture) == 1)

            let original = try await fixture.profile(code)
            var draft = original.draft
            draft.processingDays = original.processingDays + 5
            let edited = try await fixture.upstream.catalog.edit(
                CatalogEditRequest(code: code, baseVersion: original.version, profile: draft),
                caller: Staff.administrator, idempotencyKey: nil)
            #expect(edited.version == 2)

            fixture.clock.advance(0.9)
            let stale = try await fixture.submit(submission, files: files)
            #expect(try await version(of: stale, in: fixture) == 1)

            fixture.clock.advance(0.1)
            let fresh = try await fixture.submit(submission, files: files)
            #expect(try await version(of: fresh, in: fixture) == 2)
        }
    }

    @Test("a deactivated service is refused once the second has passed")
    func deactivationIsSeenAfterLifetime() async throws {
        try await RequestsFixture.with(.sqlite) { fixture in
            let code = "forest-seedling-request"
            let (submission, files) = try await fixture.valid(code)
            _ = try await fixture.submit(submission, files: files)
            _ = try await fixture.upstream.catalog.deactivate(
                CatalogDeactivateRequest(code: code), caller: Staff.administrator, idempotencyKey: nil)
            fixture.clock.advance(1)
            let error = try #require(await busError { try await fixture.submit(submission, files: files) })
            #expect(error.code == .invalidInput)
            #expect(error.fields.map(\.field) == ["serviceCode"])
            #expect(try await fixture.allRequests().total == 1)
        }
    }

    @Test("a failed lookup is not kept: the next call asks again, and its answer is reused")
    func failureIsNotCached() async throws {
        let cache = ProfileCache(now: { Date(timeIntervalSince1970: 1_000) })
        let fixture = try await RequestsFixture()
        defer { fixture.remove() }
        let profile = try await fixture.profile("forest-seedling-request")
        let calls = Mutex(0)
        let failed = await busError {
            try await cache.current(code: profile.code) { _ in
                calls.withLock { $0 += 1 }
                throw BusError(.unavailable, message: "no catalog worker")
            }
        }
        #expect(failed?.code == .unavailable)
        let found = try await cache.current(code: profile.code) { _ in
            calls.withLock { $0 += 1 }
            return profile
        }
        #expect(found == profile)
        let reused = try await cache.current(code: profile.code) { _ in
            calls.withLock { $0 += 1 }
            return profile
        }
        #expect(reused == profile)
        #expect(calls.withLock { $0 } == 2)
    }

    /// The profile version `receipt`'s request was judged under, as its applicant sees it.
    private func version(of receipt: RequestReceipt, in fixture: RequestsFixture) async throws -> Int {
        try await fixture.routes.detail(RequestReference(requestId: receipt.requestId), caller: Citizens.ali.caller)
            .profileVersion
    }
}
