import Foundation

/// Projects longitude/latitude onto a flat map for a country-sized area: longitude scaled by
/// the cosine of the area's mean latitude, so shapes keep their proportions there, and
/// latitude growing upwards.
package struct EquirectangularProjection: Sendable, Equatable {
    /// The western edge, in degrees of longitude.
    package var west: Double
    /// The northern edge, in degrees of latitude.
    package var north: Double
    /// Map units per degree of latitude.
    package var scale: Double
    /// The cosine of the mean latitude, applied to longitudes.
    package var longitudeFactor: Double
    /// The map's size in map units.
    package var width: Double
    package var height: Double

    /// A projection that fits the bounding box of `positions` into `width` map units.
    ///
    /// - Parameter positions: `[longitude, latitude]` pairs; others are ignored.
    package init(fitting positions: [[Double]], width: Double) {
        var west = Double.infinity
        var east = -Double.infinity
        var south = Double.infinity
        var north = -Double.infinity
        for position in positions where position.count >= 2 {
            west = min(west, position[0])
            east = max(east, position[0])
            south = min(south, position[1])
            north = max(north, position[1])
        }
        if !west.isFinite || !south.isFinite {
            (west, east, south, north) = (0, 1, 0, 1)
        }
        let meanLatitude = (south + north) / 2
        let factor = cos(meanLatitude * .pi / 180)
        let spanX = max((east - west) * factor, 1e-9)
        self.west = west
        self.north = north
        self.longitudeFactor = factor
        self.scale = width / spanX
        self.width = width
        self.height = ((north - south) * scale).rounded(.up)
    }

    /// The map point of a longitude and latitude: x grows eastwards, y southwards.
    package func project(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        ((longitude - west) * longitudeFactor * scale, (north - latitude) * scale)
    }
}
