import Foundation
import MizPersian
import MizSchema

/// One service's figures on the statistics page: a bar chart of the average satisfaction per
/// province, drawn on the server as SVG (a title and a description name it for screen
/// readers), and the same numbers, and more, in a table.
package struct StatisticsChart: Sendable {
    /// One bar: a province's average satisfaction on the 1–5 scale.
    package struct Bar: Sendable {
        package var label: String
        package var valueText: String
        package var x: Int
        package var y: Int
        package var width: Int
        package var labelX: Int
        package var valueX: Int
        package var textY: Int
    }

    /// One row of the table.
    package struct Row: Sendable {
        package var provinceName: String
        package var surveys: String
        package var average: String
        package var onTime: String
        package var explanationClear: String
        package var registered: String
        package var underReview: String
        package var answered: String
        package var closed: String
        package var escalated: String
        package var medianHours: String
    }

    package var serviceCode: String
    /// The service's title from the catalog, or its code when the catalog did not answer.
    package var serviceTitle: String
    package var headingId: String
    package var titleId: String
    package var descriptionId: String
    package var description: String
    package var bars: [Bar]
    package var rows: [Row]
    package var height: Int
    package var axisHeight: Int

    /// The chart's width in SVG units; provinces' names take the right part.
    static let width = 640
    static let labelWidth = 170
    static let barHeight = 22
    static let gap = 10

    /// The chart of one service from its rows (one per province).
    package init(serviceCode: String, rows: [FeedbackStatisticsRow]) {
        self.serviceCode = serviceCode
        serviceTitle = serviceCode
        let slug = serviceCode.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }
            .joined()
        headingId = "amar-\(slug)"
        titleId = "amar-\(slug)-title"
        descriptionId = "amar-\(slug)-desc"
        let sorted = rows.sorted { Self.name($0.province) < Self.name($1.province) }
        let scale = Double(Self.width - Self.labelWidth - 60) / 5
        bars = sorted.enumerated().map { index, row in
            let value = row.averageSatisfaction ?? 0
            let width = Int((value * scale).rounded())
            let right = Self.width - Self.labelWidth
            let y = Self.gap + index * (Self.barHeight + Self.gap)
            return Bar(
                label: Self.name(row.province), valueText: Self.average(row.averageSatisfaction),
                x: right - width, y: y, width: width, labelX: Self.width - 8, valueX: right - width - 6,
                textY: y + Self.barHeight - 6)
        }
        height = Self.gap + max(1, sorted.count) * (Self.barHeight + Self.gap) + 24
        axisHeight = height - 24
        description =
            "میانگین رضایت از ۱ تا ۵ به تفکیک استان: "
            + sorted.map { "\(Self.name($0.province)) \(Self.average($0.averageSatisfaction))" }.joined(separator: "، ")
        self.rows = sorted.map { row in
            Row(
                provinceName: Self.name(row.province), surveys: PersianDigits.display(row.surveyCount),
                average: Self.average(row.averageSatisfaction), onTime: Self.share(row.onTimeShare),
                explanationClear: Self.share(row.explanationClearShare),
                registered: Self.count(row, .registered), underReview: Self.count(row, .underReview),
                answered: Self.count(row, .answered), closed: Self.count(row, .closed),
                escalated: PersianDigits.display(row.escalatedComplaints),
                medianHours: row.medianHoursToAnswer.map { Self.decimal($0) } ?? "—")
        }
    }

    /// The charts of a statistics reply, one per service, in the order of service codes.
    package static func charts(of statistics: FeedbackStatistics) -> [StatisticsChart] {
        Dictionary(grouping: statistics.rows, by: \.serviceCode).sorted { $0.key < $1.key }.map {
            StatisticsChart(serviceCode: $0.key, rows: $0.value)
        }
    }

    static func name(_ province: String) -> String {
        Province(slug: province)?.persianName ?? province
    }

    static func count(_ row: FeedbackStatisticsRow, _ status: ComplaintStatus) -> String {
        PersianDigits.display(row.complaintsByStatus[status.rawValue] ?? 0)
    }

    static func average(_ value: Double?) -> String {
        value.map { decimal($0) } ?? "—"
    }

    static func share(_ value: Double?) -> String {
        value.map { "٪" + PersianDigits.display(Int(($0 * 100).rounded())) } ?? "—"
    }

    /// A number with one decimal, Persian digits and the Persian decimal separator.
    static func decimal(_ value: Double) -> String {
        PersianDigits.display(String(format: "%.1f", value)).replacingOccurrences(of: ".", with: "٫")
    }
}
