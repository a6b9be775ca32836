import Feedback
import Foundation
import MizSchema
import Testing

@Suite("complaint statuses: the one rule both stores apply")
struct ComplaintChangeTests {
    static let filed = Date(timeIntervalSince1970: 1_770_000_000)
    static let later = filed.addingTimeInterval(3_600)

    /// A complaint of Tehran in `status`, reviewed at `reviewedAt`.
    func complaint(_ status: ComplaintStatus, reviewedAt: Date? = nil, answer: String? = nil) -> ComplaintRecord {
        ComplaintRecord(
            trackingNumber: "C-1405-0001", requestId: "r1", processNumber: "1405-23-000123",
            serviceCode: "grazing-licence", province: "tehran", ownerNationalCode: "0012345679",
            applicantMobile: "09121234567", text: "پاسخ درخواست من بدون دلیل رد شد", attachment: nil,
            status: status, answer: answer, createdAt: Self.filed, reviewedAt: reviewedAt,
            dueAt: Self.filed.addingTimeInterval(7 * 86_400))
    }

    @Test("a registered complaint taken for review records when; taking it again changes nothing")
    func review() throws {
        let reviewed = try #require(
            try ComplaintChange.markUnderReview(at: Self.later).applied(to: complaint(.registered)))
        #expect(reviewed.status == .underReview && reviewed.reviewedAt == Self.later)
        #expect(try ComplaintChange.markUnderReview(at: Self.later).applied(to: reviewed) == nil)
    }

    @Test("an answer straight from registered counts as reviewed then; from review keeps the review time")
    func answer() throws {
        let change = ComplaintChange.answer("پرونده دوباره بررسی شد", staffId: "s1", at: Self.later)
        let direct = try #require(try change.applied(to: complaint(.registered)))
        #expect(direct.status == .answered && direct.answer == "پرونده دوباره بررسی شد")
        #expect(direct.answeredBy == "s1" && direct.answeredAt == Self.later && direct.reviewedAt == Self.later)
        let reviewed = try #require(try change.applied(to: complaint(.underReview, reviewedAt: Self.filed)))
        #expect(reviewed.reviewedAt == Self.filed && reviewed.answeredAt == Self.later)
        #expect(try change.applied(to: direct) == nil)
    }

    @Test("only an answered complaint closes; closing again changes nothing")
    func close() throws {
        let answered = complaint(.answered, reviewedAt: Self.filed, answer: "پاسخ")
        let closed = try #require(try ComplaintChange.close(at: Self.later).applied(to: answered))
        #expect(closed.status == .closed && closed.closedAt == Self.later && closed.answer == "پاسخ")
        #expect(try ComplaintChange.close(at: Self.later).applied(to: closed) == nil)
    }

    @Test(
        "every other move is refused with the status it came from",
        arguments: [
            (ComplaintChange.markUnderReview(at: later), ComplaintStatus.answered),
            (.markUnderReview(at: later), .closed),
            (.answer("پاسخ دیگر", staffId: "s1", at: later), .answered),
            (.answer("پاسخ", staffId: "s1", at: later), .closed),
            (.close(at: later), .registered),
            (.close(at: later), .underReview),
        ])
    func refused(change: ComplaintChange, from status: ComplaintStatus) {
        #expect(throws: FeedbackStoreError.illegalTransition(from: status)) {
            try change.applied(
                to: complaint(status, answer: status == .registered || status == .underReview ? nil : "پاسخ"))
        }
    }
}
