import Catalog
import Foundation
import MizPersian
import MizSchema
import Requests

/// Fills a request store with synthetic requests for the inbox benchmark, the same every run.
struct InboxSeeder {
    /// The store being filled.
    let store: SQLiteRequestStore
    /// The moment the benchmark runs at: submissions lie in the 60 days before it.
    let now: Date

    /// Inserts `count` requests and moves a share of them along; returns how many end in
    /// each status.
    func fill(count: Int) async throws -> [String: Int] {
        let profiles = try SeedCatalog.bundled().profiles(at: now).filter(\.active)
        guard !profiles.isEmpty else { return [:] }
        let calendar = WorkingCalendar(holidays: [])
        var generator = SplitMix64(seed: 6)
        var statuses: [String: Int] = [:]
        for index in 0..<count {
            let profile = profiles[Int(generator.next() % UInt64(profiles.count))]
            let offered = Province.all.filter { profile.provinces.includes($0.slug) }
            let province = offered.isEmpty ? Province.all[0] : offered[Int(generator.next() % UInt64(offered.count))]
            let age = Double(generator.next() % (60 * 86_400))
            let submittedAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 - age).rounded(.down))
            let nationalCode = NationalCode.makeValid(prefix9: String(format: "%09d", 100_000_000 + index)).digits
            let trackingCode = TrackingCode.random(using: &generator)
            let new = NewRequest(
                id: UUID().uuidString.lowercased(), year: JalaliDate(gregorian: submittedAt).year,
                provinceNumber: province.number, trackingHash: trackingCode.hash, profile: profile,
                province: province.slug,
                applicant: RequestApplicant(
                    nationalCode: nationalCode, firstName: "شهروند", lastName: "آزمایشی \(index)",
                    mobile: String(format: "0912%07d", index)),
                fields: [:], documents: [], submittedAt: submittedAt,
                dueAt: calendar.dueDate(submittedAt: submittedAt, workingDays: profile.processingDays),
                actor: "citizen:\(nationalCode)", trackingCode: trackingCode.formatted)
            let receipt = try await store.insert(new, idempotency: nil)
            let status = try await advance(receipt.requestId, choice: generator.next() % 10, at: submittedAt)
            statuses[status.rawValue, default: 0] += 1
        }
        return statuses
    }

    /// Moves a request along by `choice`: 0–2 stay submitted, 3–4 under review, 5 needs a
    /// fix, 6–7 approved, 8 rejected, 9 withdrawn.
    private func advance(_ requestId: String, choice: UInt64, at submittedAt: Date) async throws -> RequestStatus {
        let official = "staff:bench-official"
        let later = submittedAt.addingTimeInterval(3_600)
        var actions: [RequestAction] = []
        switch choice {
        case 0...2: actions = []
        case 3...4: actions = [.claim]
        case 5: actions = [.claim, .askForFix]
        case 6...7: actions = [.claim, .approve]
        case 8: actions = [.claim, .reject]
        default: actions = [.withdraw]
        }
        var status = RequestStatus.submitted
        for action in actions {
            var change = RequestChange(action: action, actor: official)
            switch action {
            case .claim: change.assignee = official
            case .askForFix: change.fix = (fields: [], documents: [], message: "مدرک خواناتر بارگذاری شود.")
            case .reject: change.rejectionReasons = "شرایط خدمت احراز نشد."
            case .withdraw: change.actor = "citizen:bench"
            default: break
            }
            status = try await store.apply(change, requestId: requestId, now: later).status
        }
        return status
    }
}
