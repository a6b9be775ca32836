import Feedback
import Foundation
import MizSchema
import MizStorageTesting
import Testing

@Suite("feedback complaints: ownership, attachment, province of the request, staff rights, escalation")
struct ComplaintTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 100)

    @Test(
        "a complaint is assigned to the request's province with its own tracking number and attachment",
        arguments: StoreKind.allCases)
    func registered(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            fixture.decidedRequest(province: "fars")
            let complaint = try await fixture.routes.submitComplaint(
                ComplaintSubmitRequest(
                    processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", text: "پاسخ كارشناس قانع کننده نبود"),
                attachments: [Self.png], caller: Callers.anonymous, idempotencyKey: nil)
            #expect(complaint.province == "fars" && complaint.status == .registered && !complaint.escalated)
            #expect(complaint.text == "پاسخ کارشناس قانع کننده نبود")
            #expect(complaint.trackingNumber.count == 14)
            let attachment = try #require(complaint.attachment)
            #expect(attachment.fileType == .png && attachment.size == Self.png.count)
            #expect(attachment.sha256.count == 64)
            #expect(complaint.dueAt > fixture.clock.now.addingTimeInterval(7 * 86_400))
            let tracked = try await fixture.routes.complaint(
                ComplaintQuery(
                    trackingNumber: complaint.trackingNumber.lowercased().replacingOccurrences(of: "-", with: " ")),
                caller: Callers.anonymous)
            #expect(tracked == complaint)
            let (_, bytes) = try await fixture.routes.complaintAttachment(
                ComplaintQuery(trackingNumber: complaint.trackingNumber), caller: Callers.administrator)
            #expect(bytes == Self.png)
            let mine = try await fixture.routes.complaints(ComplaintListQuery(), caller: Callers.citizen)
            #expect(mine.items.map(\.trackingNumber) == [complaint.trackingNumber])
            let others = try await fixture.routes.complaints(ComplaintListQuery(), caller: Callers.otherCitizen)
            #expect(others.total == 0)
        }
    }

    @Test(
        "someone else's request, a file that is not PDF/JPEG/PNG or one too large: refused, nothing stored",
        arguments: StoreKind.allCases)
    func refusedAndNothingStored(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind, policy: FeedbackPolicy(maximumAttachmentBytes: 1024)) { fixture in
            fixture.decidedRequest()
            let good = ComplaintSubmitRequest(
                processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", text: "رسیدگی بسیار کند بود")
            let wrongCode = ComplaintSubmitRequest(
                processNumber: "1405-23-000123", trackingCode: "XXXX-YYYY", text: good.text)
            #expect(
                await busError {
                    try await fixture.routes.submitComplaint(
                        wrongCode, attachments: [], caller: Callers.anonymous, idempotencyKey: nil)
                }?.code == .notFound)
            let script = Data("#!/bin/sh\necho hi\n".utf8)
            let notAnImage = try #require(
                await busError {
                    try await fixture.routes.submitComplaint(
                        good, attachments: [script], caller: Callers.anonymous, idempotencyKey: nil)
                })
            #expect(notAnImage.code == .invalidInput && notAnImage.fields.map(\.field) == ["attachment"])
            let large = Self.png + Data(count: 2048)
            #expect(
                await busError {
                    try await fixture.routes.submitComplaint(
                        good, attachments: [large], caller: Callers.anonymous, idempotencyKey: nil)
                }?.fields.map(\.field) == ["attachment"])
            let short = ComplaintSubmitRequest(processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", text: "بد")
            #expect(
                await busError {
                    try await fixture.routes.submitComplaint(
                        short, attachments: [], caller: Callers.anonymous, idempotencyKey: nil)
                }?.fields.map(\.field) == ["text"])
            let all = try await fixture.routes.complaints(ComplaintListQuery(), caller: Callers.administrator)
            #expect(all.total == 0)
        }
    }

    @Test(
        "an official of another province cannot see or act on a complaint: notFound, like an unknown number",
        arguments: StoreKind.allCases)
    func otherProvinceCannotSee(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            fixture.decidedRequest(province: "tehran")
            let complaint = try await fixture.routes.submitComplaint(
                ComplaintSubmitRequest(
                    processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", text: "پاسخ ناقص بود و توضیحی داده نشد"),
                attachments: [], caller: Callers.anonymous, idempotencyKey: nil)
            let query = ComplaintQuery(trackingNumber: complaint.trackingNumber)
            #expect(
                await busError { try await fixture.routes.complaint(query, caller: Callers.farsOfficial) }?.code
                    == .notFound)
            #expect(
                await busError { try await fixture.routes.reviewComplaint(query, caller: Callers.farsOfficial) }?.code
                    == .notFound)
            #expect(
                await busError {
                    try await fixture.routes.answerComplaint(
                        ComplaintAnswerRequest(trackingNumber: complaint.trackingNumber, answer: "پاسخ از استان دیگر"),
                        caller: Callers.farsOfficial)
                }?.code == .notFound)
            let farsList = try await fixture.routes.complaints(ComplaintListQuery(), caller: Callers.farsOfficial)
            #expect(farsList.total == 0)
            #expect(
                await busError {
                    try await fixture.routes.complaints(
                        ComplaintListQuery(province: "tehran"), caller: Callers.farsOfficial)
                }?
                .code == .forbidden)
            let tehranList = try await fixture.routes.complaints(ComplaintListQuery(), caller: Callers.tehranOfficial)
            #expect(tehranList.items.map(\.trackingNumber) == [complaint.trackingNumber])
            #expect(try await fixture.routes.complaint(query, caller: Callers.tehranOfficial).status == .registered)
            #expect(
                await busError { try await fixture.routes.complaints(ComplaintListQuery(), caller: Callers.anonymous) }?
                    .code
                    == .unauthorized)
            let stored = try await fixture.routes.complaint(query, caller: Callers.anonymous)
            #expect(stored.status == .registered && stored.answer == nil)
        }
    }

    @Test(
        "statuses move registered → under review → answered → closed, and no other way", arguments: StoreKind.allCases)
    func transitions(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await transitions(fixture) }
    }

    /// `transitions(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func transitions(_ fixture: FeedbackFixture) async throws {
        fixture.decidedRequest()
        let complaint = try await fixture.routes.submitComplaint(
            ComplaintSubmitRequest(processNumber: "1405-23-000123", text: "کارشناس پاسخ تلفن را نمی‌داد"),
            attachments: [], caller: Callers.citizen, idempotencyKey: nil)
        let query = ComplaintQuery(trackingNumber: complaint.trackingNumber)
        #expect(
            await busError { try await fixture.routes.closeComplaint(query, caller: Callers.tehranOfficial) }?.code
                == .conflict)
        let second = await busError {
            try await fixture.routes.submitComplaint(
                ComplaintSubmitRequest(processNumber: "1405-23-000123", text: "شکایت دوم درباره همان درخواست"),
                attachments: [], caller: Callers.citizen, idempotencyKey: nil)
        }
        #expect(second?.code == .conflict)
        let reviewed = try await fixture.routes.reviewComplaint(query, caller: Callers.tehranOfficial)
        #expect(reviewed.status == .underReview && reviewed.reviewedAt == fixture.clock.now)
        fixture.clock.advance(days: 1)
        let answer = ComplaintAnswerRequest(
            trackingNumber: complaint.trackingNumber, answer: "پرونده دوباره بررسی و اصلاح شد")
        let answered = try await fixture.routes.answerComplaint(answer, caller: Callers.tehranOfficial)
        #expect(answered.status == .answered && answered.answer == "پرونده دوباره بررسی و اصلاح شد")
        #expect(try await fixture.routes.answerComplaint(answer, caller: Callers.tehranOfficial) == answered)
        let other = ComplaintAnswerRequest(
            trackingNumber: complaint.trackingNumber, answer: "پاسخ دیگری برای همان شکایت")
        #expect(
            await busError { try await fixture.routes.answerComplaint(other, caller: Callers.tehranOfficial) }?.code
                == .conflict)
        #expect(
            await busError { try await fixture.routes.reviewComplaint(query, caller: Callers.tehranOfficial) }?.code
                == .conflict)
        let closed = try await fixture.routes.closeComplaint(query, caller: Callers.tehranOfficial)
        #expect(closed.status == .closed)
        let seen = try await fixture.routes.complaint(query, caller: Callers.anonymous)
        #expect(seen.answer == "پرونده دوباره بررسی و اصلاح شد" && seen.status == .closed)
        #expect(
            await busError { try await fixture.routes.reviewComplaint(query, caller: Callers.citizen) }?.code
                == .forbidden)
    }

    @Test(
        "a complaint unanswered past 7 working days is escalated and listed for national administrators",
        arguments: StoreKind.allCases)
    func escalation(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in
            fixture.decidedRequest(province: "fars")
            fixture.decidedRequest("1405-07-000001", trackingCode: "T2T2-T3T3", province: "fars")
            let late = try await fixture.routes.submitComplaint(
                ComplaintSubmitRequest(
                    processNumber: "1405-23-000123", trackingCode: "K7P2-9QXM", text: "هیچ پاسخی دریافت نکردم"),
                attachments: [], caller: Callers.anonymous, idempotencyKey: nil)
            let answeredInTime = try await fixture.routes.submitComplaint(
                ComplaintSubmitRequest(
                    processNumber: "1405-07-000001", trackingCode: "T2T2-T3T3", text: "مدارک من گم شده بود"),
                attachments: [], caller: Callers.anonymous, idempotencyKey: nil)
            _ = try await fixture.routes.answerComplaint(
                ComplaintAnswerRequest(trackingNumber: answeredInTime.trackingNumber, answer: "مدارک پیدا و بررسی شد"),
                caller: Callers.farsOfficial)
            fixture.clock.advance(days: 7)
            #expect(
                try await fixture.routes.complaint(
                    ComplaintQuery(trackingNumber: late.trackingNumber), caller: Callers.anonymous
                ).escalated == false)
            fixture.clock.advance(days: 3)
            let escalated = try await fixture.routes.complaints(
                ComplaintListQuery(escalatedOnly: true), caller: Callers.administrator)
            #expect(escalated.items.map(\.trackingNumber) == [late.trackingNumber])
            #expect(escalated.items.first?.escalated == true)
            let provincial = try await fixture.routes.complaints(ComplaintListQuery(), caller: Callers.farsOfficial)
            #expect(provincial.items.first?.trackingNumber == late.trackingNumber)
            #expect(provincial.items.map(\.escalated) == [true, false])
            #expect(
                try await fixture.routes.complaints(
                    ComplaintListQuery(escalatedOnly: true), caller: Callers.tehranOfficial
                )
                .total == 0)
        }
    }

    @Test("tracking numbers are typed in any digits and case; logs and event ids never carry them whole")
    func trackingNumbers() {
        let number = TrackingNumber.make(groups: 3)
        #expect(TrackingNumber.canonical(number, groups: 3) == number)
        #expect(TrackingNumber.canonical("۷k2p 9qxm-4abd", groups: 3) == "7K2P-9QXM-4ABD")
        #expect(TrackingNumber.canonical("7K2P-9QXM-4AB", groups: 3) == nil)
        #expect(TrackingNumber.canonical("7K2P-9QXM-4ABU", groups: 3) == nil)
        #expect(TrackingNumber.masked("7K2P-9QXM-4ABD") == "7K2P-****-****")
        #expect(TrackingNumber.reference(of: "7K2P-9QXM-4ABD").count == 16)
        #expect(TrackingNumber.reference(of: "7K2P-9QXM-4ABD") != TrackingNumber.reference(of: "7K2P-9QXM-4ABE"))
    }

    @Test("due dates count working days: Fridays are skipped")
    func workingDays() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tehran")!
        // Saturday 2026-01-03, 10:00 in Tehran.
        let saturday = calendar.date(from: DateComponents(year: 2026, month: 1, day: 3, hour: 10))!
        let due = WorkingDays.due(after: saturday, workingDays: 7)
        // Sun..Thu are 5 working days, Friday is skipped, Sat and Sun make 7: due at the end of Sunday 11th.
        #expect(due == calendar.date(from: DateComponents(year: 2026, month: 1, day: 12))!)
    }
}
