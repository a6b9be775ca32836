import Catalog
import Foundation
import MizSchema
import MizStorageTesting

/// A catalog over a real store, seeded from the shipped seed, with an index that checks the
/// store on every read: SQLite in its own temporary folder, or a fresh PostgreSQL schema.
struct CatalogFixture: Sendable {
    let store: any CatalogStore
    let routes: CatalogRoutes
    let seeded: Bool
    /// The SQLite folder, removed by `remove()`; nil on PostgreSQL.
    let folder: URL?
    /// Opens another store over the same data, as a second instance or a restart would.
    private let reopen: @Sendable () async throws -> any CatalogStore

    /// A catalog over SQLite in `folder` (a new temporary one when nil); call `remove()` after.
    init(folder: URL? = nil) async throws {
        let folder =
            folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("miz-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("catalog.sqlite").path
        try await self.init(folder: folder) { try SQLiteCatalogStore(path: path) }
    }

    private init(folder: URL?, open: @escaping @Sendable () async throws -> any CatalogStore) async throws {
        self.folder = folder
        reopen = open
        store = try await open()
        (routes, seeded) = try await CatalogRoutes.open(
            store: store, seed: try SeedCatalog.bundled(), refreshInterval: .zero)
    }

    /// Runs `body` over a fresh catalog on `kind`'s back end and removes it afterwards.
    static func with(_ kind: StoreKind, _ body: (CatalogFixture) async throws -> Void) async throws {
        switch kind {
        case .sqlite:
            let catalog = try await CatalogFixture()
            defer { catalog.remove() }
            try await body(catalog)
        case .postgres:
            try await TestDatabase.withFreshSchema { database in
                let catalog = try await CatalogFixture(folder: nil) {
                    let store = PostgresCatalogStore(database: database)
                    try await store.migrate()
                    return store
                }
                try await body(catalog)
            }
        }
    }

    /// A second catalog over the same data: its store is opened (and migrated) again.
    func secondInstance() async throws -> CatalogFixture {
        try await CatalogFixture(folder: folder, open: reopen)
    }

    /// Removes the temporary folder.
    func remove() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Searches as a citizen, returning the codes in order.
    func codes(_ text: String, province: String? = nil, category: String? = nil, pageSize: Int = 50) async throws
        -> [String]
    {
        try await routes.search(
            CatalogSearchQuery(text: text, province: province, category: category, pageSize: pageSize),
            caller: Callers.citizen
        ).items.map(\.code)
    }
}

/// The callers tests act as.
enum Callers {
    static let anonymous = Caller.anonymous
    static let citizen = Caller(kind: .citizen, nationalCode: "0012345679")
    static let official = Caller(kind: .staff, staffId: "official-1", role: .official, provinces: ["tehran"])
    static let administrator = Caller(kind: .staff, staffId: "admin-1", role: .administrator, provinces: [])
    static let requestsService = Caller.service("requests")
}

/// A small valid draft, for writes and for indexes built by hand.
func sampleDraft(
    code: String = "test-sample-service",
    title: String = "خدمت آزمایشی",
    summary: String = "خلاصه خدمت آزمایشی",
    description: String = "شرح کامل خدمت آزمایشی",
    category: String = "forest",
    keywords: [String] = [],
    provinces: ProvinceAvailability = .all
) -> ServiceProfileDraft {
    ServiceProfileDraft(
        code: code, title: title, summary: summary, description: description, category: category,
        keywords: keywords, audience: "همه شهروندان", nature: .sovereign, recipientType: [.g2c],
        level: .provincial, electronicLevel: .interactive, inPersonVisits: 0, inPersonReason: nil,
        documents: [
            RequiredDocument(
                key: "national_card", title: "تصویر کارت ملی", description: "تصویر هر دو روی کارت ملی",
                acceptedTypes: [.jpeg, .png, .pdf], maxSizeKB: 2048, mandatory: true)
        ],
        fields: [
            FormAttribute(code: "county", datatype: .string, required: true, description: "شهرستان", order: 1),
            FormAttribute(
                code: "kind", datatype: .singlevaluelist, required: true, description: "نوع", order: 2,
                values: [.init(key: "a", name: "الف"), .init(key: "b", name: "ب")]),
        ],
        processingDays: 10, fee: .free, legalBasis: ["قانون حفاظت و بهره‌برداری از جنگل‌ها و مراتع"],
        steps: ["ثبت درخواست", "بررسی"], responsibleUnit: "اداره کل منابع طبیعی استان", provinces: provinces,
        frequency: .asNeeded, startsOn: .request)
}

/// A profile at version 1, for indexes built by hand.
func sampleProfile(
    code: String, title: String, summary: String = "خلاصه", description: String = "شرح",
    keywords: [String] = [], category: String = "forest", provinces: ProvinceAvailability = .all
) -> ServiceProfile {
    ServiceProfile(
        draft: sampleDraft(
            code: code, title: title, summary: summary, description: description, category: category,
            keywords: keywords, provinces: provinces),
        version: 1, active: true, updatedAt: Date(timeIntervalSince1970: 1_750_000_000))
}

/// The categories of indexes built by hand.
let sampleCategories = [
    CategoryDefinition(key: "forest", title: "جنگل"), CategoryDefinition(key: "land", title: "اراضی"),
]

/// The text of highlight segments joined, and the matched ones alone.
func joined(_ segments: [HighlightSegment]) -> String { segments.map(\.text).joined() }
func marked(_ segments: [HighlightSegment]) -> [String] { segments.filter(\.matched).map(\.text) }
