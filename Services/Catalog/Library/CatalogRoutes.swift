import Foundation
import Logging
import Metrics
import MizBus
import MizPersian
import MizSchema

/// The catalog's route handlers: each takes the request and the caller and returns the reply
/// or throws a `BusError`, so they run the same on the bus and in tests.
package struct CatalogRoutes: Sendable {
    /// The store of services and versions.
    package let store: any CatalogStore
    /// The search index, kept current with the store.
    package let index: LiveCatalogIndex
    private let now: @Sendable () -> Date
    private let searchTimer = Metrics.Timer(label: "miz_catalog_search_seconds")

    /// Handlers over `store`; `now` gives the time versions are stamped with.
    package init(store: any CatalogStore, index: LiveCatalogIndex, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.index = index
        self.now = now
    }

    /// How often an instance checks whether another one changed the catalog. Half a second,
    /// so that with the gateway's reply cache (at most half a second by default) an edit shows
    /// in every list and search within a second, as the profile itself does at once.
    package static let defaultRefreshInterval: Duration = .milliseconds(500)

    /// Opens the routes over `store`: seeds it if empty, checking the seed like an edit,
    /// and builds the search index.
    ///
    /// - Returns: the routes, and whether the seed was stored now.
    package static func open(
        store: any CatalogStore,
        seed: SeedCatalog,
        refreshInterval: Duration = CatalogRoutes.defaultRefreshInterval,
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> (routes: CatalogRoutes, seeded: Bool) {
        let validator = ServiceProfileValidator(categoryKeys: Set(seed.categories.map(\.key)))
        let loadedAt = wholeSeconds(now())
        var profiles: [ServiceProfile] = []
        for (draft, active) in seed.services {
            let tidy = validator.tidied(draft)
            let problems = validator.problems(tidy, prefix: "")
            guard problems.isEmpty else {
                throw SeedCatalogError.invalidProfile(
                    code: draft.code, problems: problems.map { "\($0.field): \($0.message)" })
            }
            profiles.append(ServiceProfile(draft: tidy, version: 1, active: active, updatedAt: loadedAt))
        }
        let seeded = try await store.seedIfEmpty(categories: seed.categories, profiles: profiles)
        let index = try await LiveCatalogIndex(store: store, refreshInterval: refreshInterval)
        return (CatalogRoutes(store: store, index: index, now: now), seeded)
    }

    /// Serves every catalog route on `worker`.
    package func register(on worker: BusWorker) {
        worker.register(Routes.Catalog.search) { request, context in try await search(request, caller: context.caller) }
        worker.register(Routes.Catalog.list) { request, context in try await list(request, caller: context.caller) }
        worker.register(Routes.Catalog.profile) { request, context in try await profile(request, caller: context.caller)
        }
        worker.register(Routes.Catalog.versions) { request, context in
            try await versions(request, caller: context.caller)
        }
        worker.register(Routes.Catalog.provinces) { request, context in
            try await provinces(request, caller: context.caller)
        }
        worker.register(Routes.Catalog.categories) { request, context in
            try await categories(request, caller: context.caller)
        }
        worker.register(Routes.Catalog.create) { request, context in
            let profile = try await create(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
            context.logger.notice("service created", metadata: ["miz.catalog.code": "\(profile.code)"])
            return profile
        }
        worker.register(Routes.Catalog.edit) { request, context in
            let profile = try await edit(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
            context.logger.notice(
                "service edited",
                metadata: ["miz.catalog.code": "\(profile.code)", "miz.catalog.version": "\(profile.version)"])
            return profile
        }
        worker.register(Routes.Catalog.deactivate) { request, context in
            let profile = try await deactivate(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
            context.logger.notice("service deactivated", metadata: ["miz.catalog.code": "\(profile.code)"])
            return profile
        }
        worker.register(Routes.Catalog.reactivate) { request, context in
            let profile = try await reactivate(
                request, caller: context.caller, idempotencyKey: context.envelope.idempotencyKey)
            context.logger.notice("service reactivated", metadata: ["miz.catalog.code": "\(profile.code)"])
            return profile
        }
    }

    // MARK: - Reads

    /// `catalog.search`: active services matching the words, best first.
    package func search(_ query: CatalogSearchQuery, caller: Caller) async throws -> CatalogSearchResults {
        let index = try await index.current()
        let filter = try CatalogQueryValidation.validate(query, categories: index.categories)
        let started = ContinuousClock.now
        let results = index.search(query.text, filter: filter, page: query.page, pageSize: query.pageSize)
        searchTimer.record(duration: ContinuousClock.now - started)
        return results
    }

    /// `catalog.list`: services in title order, or best match first when it has words;
    /// deactivated ones too (or only them) for staff who ask.
    package func list(_ request: CatalogListRequest, caller: Caller) async throws -> CatalogSearchResults {
        if request.includeInactive || request.onlyInactive { try CatalogAccess.requireStaff(caller) }
        let index = try await index.current()
        let filter = try CatalogQueryValidation.validate(request, categories: index.categories)
        return index.search(request.text, filter: filter, page: request.page, pageSize: request.pageSize)
    }

    /// `catalog.profile`: a profile at its current or a given version.
    ///
    /// The current version of a deactivated service is hidden from citizens and anonymous
    /// callers; a past version stays readable when it was active, because a request made
    /// under it refers to it.
    package func profile(_ request: CatalogProfileRequest, caller: Caller) async throws -> ServiceProfile {
        let code = request.code.trimmingCharacters(in: .whitespaces)
        if let version = request.version, version < 1 {
            throw BusError.invalidInput([FieldError(field: "version", message: "شماره نسخه باید ۱ یا بیشتر باشد.")])
        }
        guard ServiceProfileValidator.isServiceCode(code),
            let profile = try await store.profile(code: code, version: request.version),
            profile.active || CatalogAccess.seesInactive(caller)
        else { throw Self.notFound }
        return profile
    }

    /// `catalog.versions`: every version of a service, newest first, for staff (the
    /// administrators' catalog pages; officials may read them too). Citizens read one version
    /// at a time through `catalog.profile`, as their requests name it.
    package func versions(_ request: CatalogVersionsRequest, caller: Caller) async throws -> ServiceVersionList {
        try CatalogAccess.requireStaff(caller, reading: "نسخه‌های شناسنامه خدمت")
        let code = request.code.trimmingCharacters(in: .whitespaces)
        guard ServiceProfileValidator.isServiceCode(code) else { throw Self.notFound }
        let profiles = try await store.versions(code: code)
        guard let current = profiles.first else { throw Self.notFound }
        return ServiceVersionList(
            code: code, currentVersion: current.version, versions: profiles.map(ServiceVersionSummary.init))
    }

    /// `catalog.provinces`: the 31 provinces with their active service counts.
    package func provinces(_ request: CatalogProvincesRequest, caller: Caller) async throws -> CatalogProvinceList {
        let index = try await index.current()
        return CatalogProvinceList(
            provinces: Province.all.map { province in
                ProvinceInfo(
                    slug: province.slug, code: province.isoCode, persianName: province.persianName,
                    englishName: province.englishName, capital: province.persianCapitalName,
                    serviceCount: index.activeServiceCount(province: province.slug))
            })
    }

    /// `catalog.categories`: the categories with their active service counts.
    package func categories(_ request: CatalogCategoriesRequest, caller: Caller) async throws -> CatalogCategoryList {
        let index = try await index.current()
        return CatalogCategoryList(
            categories: index.categories.map {
                CatalogCategory(key: $0.key, title: $0.title, serviceCount: index.activeServiceCount(category: $0.key))
            })
    }

    // MARK: - Writes (administrators)

    /// `catalog.create`: stores a new active service at version 1.
    package func create(
        _ request: CatalogCreateRequest, caller: Caller, idempotencyKey: String?
    ) async throws -> ServiceProfile {
        try CatalogAccess.requireAdministrator(caller)
        let draft = try await checked(request.profile)
        let profile = ServiceProfile(draft: draft, version: 1, active: true, updatedAt: Self.wholeSeconds(now()))
        let stored = try await mapStoreErrors {
            try await store.create(profile, idempotency: claim(idempotencyKey, Routes.Catalog.create.name))
        }
        try await index.reload()
        return stored
    }

    /// `catalog.edit`: stores the draft as the service's next version.
    package func edit(_ request: CatalogEditRequest, caller: Caller, idempotencyKey: String?) async throws
        -> ServiceProfile
    {
        try CatalogAccess.requireAdministrator(caller)
        let code = request.code.trimmingCharacters(in: .whitespaces)
        var draft = try await checked(request.profile)
        if draft.code != code {
            throw BusError.invalidInput([
                FieldError(field: "profile.code", message: "کد خدمت قابل تغییر نیست؛ برای خدمت تازه، خدمت جدید بسازید.")
            ])
        }
        draft.code = code
        let stamped = Self.wholeSeconds(now())
        let (baseVersion, active) = (request.baseVersion, request.active)
        let finalDraft = draft
        return try await write(code: code, route: Routes.Catalog.edit.name, idempotencyKey: idempotencyKey) { current in
            if let baseVersion, baseVersion != current.version {
                throw CatalogStoreError.versionMismatch(current: current.version)
            }
            return ServiceProfile(
                draft: finalDraft, version: current.version + 1, active: active ?? current.active, updatedAt: stamped)
        }
    }

    /// `catalog.deactivate`: stores an inactive next version; the service leaves lists and
    /// search, and its past versions stay readable.
    package func deactivate(
        _ request: CatalogDeactivateRequest, caller: Caller, idempotencyKey: String?
    ) async throws -> ServiceProfile {
        try await switchActive(
            to: false, code: request.code, baseVersion: request.baseVersion, caller: caller,
            route: Routes.Catalog.deactivate.name, idempotencyKey: idempotencyKey)
    }

    /// `catalog.reactivate`: stores an active next version of a deactivated service, with the
    /// same content; it is listed, found and open to requests again.
    package func reactivate(
        _ request: CatalogReactivateRequest, caller: Caller, idempotencyKey: String?
    ) async throws -> ServiceProfile {
        try await switchActive(
            to: true, code: request.code, baseVersion: request.baseVersion, caller: caller,
            route: Routes.Catalog.reactivate.name, idempotencyKey: idempotencyKey)
    }

    /// Stores the next version of `code` with only its active flag changed to `active`, for an
    /// administrator; `notFound` for a malformed code, `conflict` when the flag already is
    /// `active` or when `baseVersion` is not the current version.
    private func switchActive(
        to active: Bool, code rawCode: String, baseVersion: Int?, caller: Caller, route: String,
        idempotencyKey: String?
    ) async throws -> ServiceProfile {
        try CatalogAccess.requireAdministrator(caller)
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard ServiceProfileValidator.isServiceCode(code) else { throw Self.notFound }
        let stamped = Self.wholeSeconds(now())
        return try await write(code: code, route: route, idempotencyKey: idempotencyKey) { current in
            if let baseVersion, baseVersion != current.version {
                throw CatalogStoreError.versionMismatch(current: current.version)
            }
            guard current.active != active else {
                throw BusError(
                    .conflict,
                    message: active ? "این خدمت هم‌اکنون فعال است." : "این خدمت پیش از این غیرفعال شده است.")
            }
            var next = current
            next.active = active
            next.updatedAt = stamped
            return next
        }
    }

    // MARK: - Helpers

    /// The reply when a service is unknown or hidden from the caller.
    static let notFound = BusError(.notFound, message: "خدمت مورد نظر یافت نشد.")

    /// The draft tidied, or `invalidInput` with every problem.
    private func checked(_ draft: ServiceProfileDraft) async throws -> ServiceProfileDraft {
        let categories = try await index.current().categories
        let validator = ServiceProfileValidator(categoryKeys: Set(categories.map(\.key)))
        let tidy = validator.tidied(draft)
        let problems = validator.problems(tidy)
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        return tidy
    }

    private func write(
        code: String, route: String, idempotencyKey: String?,
        revise: @escaping @Sendable (ServiceProfile) throws -> ServiceProfile
    ) async throws -> ServiceProfile {
        let stored = try await mapStoreErrors {
            try await store.appendVersion(code: code, idempotency: claim(idempotencyKey, route), revise: revise)
        }
        try await index.reload()
        return stored
    }

    private func claim(_ key: String?, _ route: String) -> IdempotencyClaim? {
        guard let key, !key.isEmpty else { return nil }
        return IdempotencyClaim(key: key, route: route)
    }

    /// Runs a store write, turning the store's refusals into bus errors for people.
    private func mapStoreErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CatalogStoreError {
            switch error {
            case .codeExists(let code):
                throw BusError(
                    .conflict, message: "خدمتی با این کد از پیش وجود دارد.",
                    fields: [FieldError(field: "profile.code", message: "کد «\(code)» پیش‌تر به کار رفته است.")])
            case .unknownService:
                throw Self.notFound
            case .versionMismatch(let current):
                throw BusError(
                    .conflict,
                    message:
                        "این خدمت در این فاصله ویرایش شده است (نسخه کنونی: \(PersianDigits.display(current))). لطفاً نسخه تازه را ببینید و دوباره ویرایش کنید."
                )
            case .idempotencyKeyReused:
                throw BusError(.conflict, message: "این شناسه یکتایی پیش‌تر برای کار دیگری به کار رفته است.")
            case .unreadable:
                throw error
            }
        }
    }

    /// `date` without its fraction of a second, as the wire's ISO 8601 dates carry it, so a
    /// stored version and the one read back are equal.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
