import GRDB

/// The `WHERE` clause of a SQLite list or statistics query and its arguments, built from the
/// conditions a filter sets, so every list of the feedback store narrows its rows one way.
struct SQLiteFilter: Sendable {
    private var conditions: [String] = []
    private var values: [DatabaseValue] = []

    /// A filter that keeps every row.
    init() {}

    /// `WHERE` and the conditions joined by `AND`, or nothing when no condition was set.
    var whereClause: String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }

    /// The values of the clause's placeholders, in order.
    var arguments: StatementArguments { StatementArguments(values) }

    /// Keeps the rows meeting `condition`, whose placeholders take `values`.
    mutating func require(_ condition: String, _ values: any DatabaseValueConvertible...) {
        conditions.append("(\(condition))")
        self.values += values.map(\.databaseValue)
    }

    /// Keeps the rows whose `column` equals `value`; nil keeps every row.
    mutating func require(_ column: String, equals value: (any DatabaseValueConvertible)?) {
        guard let value else { return }
        require("\(column) = ?", value)
    }

    /// Keeps the rows of `provinces`; nil keeps every row, an empty set none.
    mutating func require(provinceIn provinces: Set<String>?) {
        guard let provinces else { return }
        guard !provinces.isEmpty else { return require("0") }
        conditions.append("province IN (\(Array(repeating: "?", count: provinces.count).joined(separator: ", ")))")
        values += provinces.sorted().map(\.databaseValue)
    }
}
