import ArgumentParser
import Catalog
import Foundation
import MizPersian
import MizSchema
import Requests

/// `requests-benchmark inbox`: the staff inbox inside the requests service, no bus.
///
/// A `SQLiteRequestStore` in a fresh temporary folder is filled through `insert` (the store's
/// submit path) with requests of the seed catalog's services, spread over the provinces each
/// service is offered in, submission days over the last 60 days and due dates from the
/// working calendar; then `apply` moves a share of them along (claim, approve, reject, ask
/// for a fix) so every status has rows. Each case is the `InboxFilter` the `requests.inbox`
/// route builds, asked `--repetitions` times one after another.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "Measures the staff inbox query on a store of many requests (milliseconds)."
    )

    @Option(help: "Requests in the store.")
    var requests = 10_000

    @Option(help: "Times each inbox case is asked.")
    var repetitions = 500

    @Option(help: "The province of the filtered cases (slug).")
    var province = "tehran"

    func run() async throws {
        guard let chosen = Province(slug: province) else {
            throw ValidationError("Unknown province slug \(province).")
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("miz-requests-bench-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteRequestStore(path: folder.appendingPathComponent(SQLiteRequestStore.fileName).path)
        let now = Date()
        let clock = ContinuousClock()
        let seedStart = clock.now
        let statuses = try await InboxSeeder(store: store, now: now).fill(count: requests)
        let seedSeconds = (clock.now - seedStart).milliseconds / 1_000
        print(
            "inbox: \(requests) requests stored in \(String(format: "%.1f", seedSeconds)) s (\(folder.path)); "
                + statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let cases: [(name: String, filter: InboxFilter)] = [
            ("all provinces, first page by due date", Self.filter(provinces: nil)),
            ("\(chosen.slug), first page by due date", Self.filter(provinces: [chosen.slug])),
            ("\(chosen.slug), overdue only", Self.filter(provinces: [chosen.slug], overdueOnly: true)),
            (
                "all provinces, under review, page 5",
                Self.filter(provinces: nil, statuses: [.underReview], page: 5)
            ),
        ]
        print("case | rows on page | total | p50 ms | p99 ms | max ms")
        for (name, filter) in cases {
            var latencies: [Double] = []
            latencies.reserveCapacity(repetitions)
            var shown = 0
            var total = 0
            _ = try await store.inbox(filter, now: now)
            for _ in 0..<repetitions {
                let start = clock.now
                let (items, count, counts) = try await store.inbox(filter, now: now)
                latencies.append((clock.now - start).milliseconds)
                guard !counts.isEmpty || count == 0 else { throw ValidationError("No status counts for \(name).") }
                shown = items.count
                total = count
            }
            let statistics = LatencyStatistics(latencies)
            print(
                "\(name) | \(shown) | \(total) | \(Self.format(statistics.p50)) | \(Self.format(statistics.p99)) | "
                    + "\(Self.format(statistics.max))")
        }
    }

    /// The filter the route builds for an inbox query with these choices and 20 a page.
    static func filter(
        provinces: [String]?, statuses: [RequestStatus] = [], overdueOnly: Bool = false, page: Int = 1
    ) -> InboxFilter {
        InboxFilter(
            provinces: provinces, statuses: statuses, serviceCode: nil, submittedFrom: nil, submittedBefore: nil,
            overdueOnly: overdueOnly, page: page, pageSize: 20)
    }

    /// Milliseconds with two decimals.
    static func format(_ milliseconds: Double) -> String {
        String(format: "%.2f", milliseconds)
    }
}
