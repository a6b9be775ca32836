import Foundation
import Gateway
import MizSchema
import Testing

@Suite("Feedback pages: list pages, dates and the statistics chart")
struct FeedbackPageViewTests {
    @Test("a staff list of 120 at page 2 links to pages 1 and 3, keeping its filters")
    func pagination() {
        var view = FeedbackPageView(csrf: "x")
        view.paginate(
            path: "/kartabl/shekayat", query: ["vaziat": "registered", "erja": ""], total: 120, page: 2, pageSize: 50,
            noun: "شکایت")
        #expect(view.totalText == "۱۲۰ شکایت، صفحه ۲ از ۳")
        #expect(view.previousLink == "/kartabl/shekayat?vaziat=registered&page=1")
        #expect(view.nextLink == "/kartabl/shekayat?vaziat=registered&page=3")
        #expect(view.hasPages)
        view.paginate(path: "/kartabl/payamha", query: [:], total: 3, page: 1, pageSize: 50, noun: "پیام")
        #expect(view.totalText == "۳ پیام" && view.previousLink == nil && view.nextLink == nil && !view.hasPages)
    }

    @Test("the chart draws one bar per province, as long as its average, and says the figures in its description")
    func chart() {
        let rows = [
            FeedbackStatisticsRow(
                serviceCode: "grazing-licence", province: "tehran", surveyCount: 2, averageSatisfaction: 5,
                onTimeShare: 0.5, explanationClearShare: 1, complaintsByStatus: ["registered": 1],
                escalatedComplaints: 0, medianHoursToAnswer: 12.5),
            FeedbackStatisticsRow(
                serviceCode: "grazing-licence", province: "fars", surveyCount: 1, averageSatisfaction: 2.5,
                onTimeShare: nil, explanationClearShare: nil, complaintsByStatus: [:], escalatedComplaints: 0,
                medianHoursToAnswer: nil),
        ]
        let charts = StatisticsChart.charts(
            of: FeedbackStatistics(rows: rows, computedAt: Date(timeIntervalSince1970: 1_780_000_000)))
        #expect(charts.count == 1)
        let chart = charts[0]
        #expect(chart.bars.map(\.label) == ["تهران", "فارس"])
        #expect(chart.bars[0].width == 2 * chart.bars[1].width)
        #expect(chart.bars.allSatisfy { $0.x + $0.width == 470 })
        #expect(chart.description.contains("تهران ۵٫۰") && chart.description.contains("فارس ۲٫۵"))
        #expect(
            chart.rows[0].onTime == "٪۵۰" && chart.rows[0].medianHours == "۱۲٫۵")
        #expect(chart.rows[1].average == "۲٫۵" && chart.rows[1].onTime == "—")
    }
}
