import Feedback
import Foundation
import MizSchema
import MizStorageTesting
import Testing

@Suite("feedback statistics: figures per service and province match the stored surveys and complaints")
struct StatisticsTests {
    @Test(
        "averages, shares, complaints by status, escalated count and the median time to answer",
        arguments: StoreKind.allCases)
    func figuresMatch(kind: StoreKind) async throws {
        try await FeedbackFixture.with(kind) { fixture in try await figuresMatch(fixture) }
    }

    /// `figuresMatch(kind:)` on one fixture (a function of its own: Swift 6.3 crashes checking it as a closure).
    func figuresMatch(_ fixture: FeedbackFixture) async throws {
        let satisfactions = [5, 4, 2]
        for (index, satisfaction) in satisfactions.enumerated() {
            let number = "1405-23-00010\(index)"
            fixture.decidedRequest(number, trackingCode: "CODE-000\(index)")
            _ = try await fixture.routes.submitSurvey(
                SurveySubmitRequest(
                    processNumber: number, trackingCode: "CODE-000\(index)",
                    answers: SurveyAnswers(
                        satisfaction: satisfaction, onTime: index != 2, explanationClear: index == 0)
                ),
                caller: Callers.anonymous, idempotencyKey: nil)
        }
        fixture.decidedRequest("1405-07-000001", trackingCode: "FARS-0001", province: "fars")
        _ = try await fixture.routes.submitSurvey(
            SurveySubmitRequest(
                processNumber: "1405-07-000001", trackingCode: "FARS-0001", answers: goodAnswers(satisfaction: 1)),
            caller: Callers.anonymous, idempotencyKey: nil)

        var tracking: [String] = []
        for index in 0..<4 {
            let complaint = try await fixture.routes.submitComplaint(
                ComplaintSubmitRequest(
                    processNumber: "1405-23-00010\(index % 3)", trackingCode: "CODE-000\(index % 3)",
                    text: "شکایت شماره \(index) درباره رسیدگی"),
                attachments: [], caller: Callers.anonymous, idempotencyKey: index == 3 ? nil : "c-\(index)")
            tracking.append(complaint.trackingNumber)
            if index == 2 {
                // The fourth complaint is about the first request again: the first must be answered before.
                fixture.clock.advance(days: 0.5)
                _ = try await fixture.routes.answerComplaint(
                    ComplaintAnswerRequest(trackingNumber: tracking[0], answer: "پاسخ شکایت نخست داده شد"),
                    caller: Callers.tehranOfficial)
                fixture.clock.advance(days: 1)
                _ = try await fixture.routes.answerComplaint(
                    ComplaintAnswerRequest(trackingNumber: tracking[1], answer: "پاسخ شکایت دوم داده شد"),
                    caller: Callers.tehranOfficial)
                _ = try await fixture.routes.closeComplaint(
                    ComplaintQuery(trackingNumber: tracking[1]), caller: Callers.tehranOfficial)
            }
        }
        _ = try await fixture.routes.reviewComplaint(
            ComplaintQuery(trackingNumber: tracking[3]), caller: Callers.tehranOfficial)
        fixture.clock.advance(days: 12)

        let all = try await fixture.routes.statistics(FeedbackStatisticsQuery(), caller: Callers.administrator)
        #expect(
            all.rows.map { "\($0.serviceCode)/\($0.province)" } == [
                "grazing-licence/fars", "grazing-licence/tehran",
            ])
        let tehran = try #require(all.rows.last)
        #expect(tehran.surveyCount == 3)
        #expect(tehran.averageSatisfaction == 11.0 / 3)
        #expect(tehran.onTimeShare == 2.0 / 3)
        #expect(tehran.explanationClearShare == 1.0 / 3)
        #expect(tehran.complaintsByStatus == ["registered": 1, "underReview": 1, "answered": 1, "closed": 1])
        #expect(tehran.escalatedComplaints == 2)
        // Complaint 0 was answered after 12 hours, complaint 1 after 36: the median of two is their mean.
        #expect(tehran.medianHoursToAnswer == 24)
        let fars = try #require(all.rows.first)
        #expect(fars.surveyCount == 1 && fars.averageSatisfaction == 1 && fars.medianHoursToAnswer == nil)
        #expect(fars.complaintsByStatus.values.reduce(0, +) == 0)

        let official = try await fixture.routes.statistics(FeedbackStatisticsQuery(), caller: Callers.farsOfficial)
        #expect(official.rows.map(\.province) == ["fars"])
        #expect(
            await busError {
                try await fixture.routes.statistics(
                    FeedbackStatisticsQuery(province: "tehran"), caller: Callers.farsOfficial)
            }?.code == .forbidden)
        #expect(
            await busError {
                try await fixture.routes.statistics(FeedbackStatisticsQuery(), caller: Callers.citizen)
            }?
            .code == .forbidden)
    }
}
