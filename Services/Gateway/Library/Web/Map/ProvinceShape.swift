import MizPersian

/// One province as the map draws it: its outline as SVG path data and where it sits.
package struct ProvinceShape: Sendable, Equatable {
    /// The province's slug, the last part of its desk's address `/ostan/{slug}`.
    package var slug: String
    /// The Persian name without «استان», shown as the shape's `<title>`.
    package var persianName: String
    /// The outline: one `M … z` subpath per ring, in whole map units.
    package var pathData: String
    /// The centre of the shape's bounding box, in map units; orders the shapes for the keyboard.
    package var centerX: Double
    package var centerY: Double

    /// Makes the shape of a province.
    package init(province: Province, pathData: String, centerX: Double, centerY: Double) {
        self.slug = province.slug
        self.persianName = province.persianName
        self.pathData = pathData
        self.centerX = centerX
        self.centerY = centerY
    }
}
