/// A plain ASCII table with aligned columns, two spaces apart, for an 80-column terminal.
package struct TextTable: Sendable {
    /// How a column's cells line up.
    package enum Alignment: Sendable {
        case left
        case right
    }

    /// One column: its heading and alignment.
    package struct Column: Sendable {
        /// The heading.
        package var heading: String
        /// How the cells line up.
        package var alignment: Alignment

        /// A column with its heading, left-aligned unless told.
        package init(_ heading: String, _ alignment: Alignment = .left) {
            self.heading = heading
            self.alignment = alignment
        }
    }

    /// The columns, left to right.
    package var columns: [Column]
    /// The rows, one cell per column.
    package var rows: [[String]] = []

    /// An empty table with these columns.
    package init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row; missing cells are empty, extra ones are dropped.
    package mutating func add(_ cells: [String]) {
        rows.append((0..<columns.count).map { $0 < cells.count ? cells[$0] : "" })
    }

    /// The table as lines, heading first, each ending in a newline and without trailing spaces.
    package var rendered: String {
        let all = [columns.map(\.heading)] + rows
        let widths = columns.indices.map { index in all.map { $0[index].count }.max() ?? 0 }
        return all.map { cells in
            let padded = columns.indices.map { index -> String in
                let cell = cells[index]
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return columns[index].alignment == .left ? cell + padding : padding + cell
            }
            return String(padded.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        }.joined()
    }
}
