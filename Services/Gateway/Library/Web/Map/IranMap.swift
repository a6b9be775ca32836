import Foundation
import MizPersian

/// The map of Iran's 31 provinces, built once at start from `iran-provinces.geojson` into SVG
/// path data: each feature joined to its `Province` by the 2020 ISO code (`iso_2020`), its
/// rings projected with `EquirectangularProjection` and written as compact relative paths.
package struct IranMap: Sendable, Equatable {
    /// Why the map could not be built from a file.
    package struct BuildError: Error, Equatable, CustomStringConvertible {
        package var description: String
    }

    /// The map's width in map units; the height follows from the projection.
    package static let width: Double = 1000

    /// The SVG `viewBox`, such as `0 0 1000 923`.
    package var viewBox: String
    /// The provinces in keyboard order: in bands from north to south, each read right to left.
    package var provinces: [ProvinceShape]

    /// Builds the map from GeoJSON; every one of the 31 provinces must appear exactly once.
    package init(geoJSON data: Data) throws {
        let collection: GeoJSONFeatureCollection
        do {
            collection = try JSONDecoder().decode(GeoJSONFeatureCollection.self, from: data)
        } catch {
            throw BuildError(description: "unreadable GeoJSON: \(error)")
        }
        let allPositions = collection.features.flatMap { $0.geometry.polygons.flatMap { $0.flatMap { $0 } } }
        let projection = EquirectangularProjection(fitting: allPositions, width: Self.width)
        var shapes: [Province: ProvinceShape] = [:]
        for feature in collection.features {
            guard let code = feature.properties["iso_2020"] ?? nil, let province = Province(code: code) else {
                throw BuildError(description: "a feature has no known iso_2020 code")
            }
            guard shapes[province] == nil else {
                throw BuildError(description: "\(province.isoCode) appears twice")
            }
            shapes[province] = Self.shape(of: province, polygons: feature.geometry.polygons, projection: projection)
        }
        let missing = Province.all.filter { shapes[$0] == nil }
        guard missing.isEmpty else {
            throw BuildError(description: "missing provinces: \(missing.map(\.isoCode).joined(separator: ", "))")
        }
        let bandHeight = projection.height / 6
        viewBox = "0 0 \(Int(Self.width)) \(Int(projection.height))"
        provinces = shapes.values.sorted { left, right in
            let leftBand = Int(left.centerY / bandHeight)
            let rightBand = Int(right.centerY / bandHeight)
            if leftBand != rightBand { return leftBand < rightBand }
            return left.centerX > right.centerX
        }
    }

    /// The shape of one province: every ring of every polygon as a closed subpath.
    package static func shape(of province: Province, polygons: [[[[Double]]]], projection: EquirectangularProjection)
        -> ProvinceShape
    {
        var path = ""
        var minX = Double.infinity
        var maxX = -Double.infinity
        var minY = Double.infinity
        var maxY = -Double.infinity
        for ring in polygons.flatMap({ $0 }) {
            var points: [(Int, Int)] = []
            for position in ring where position.count >= 2 {
                let (x, y) = projection.project(longitude: position[0], latitude: position[1])
                minX = min(minX, x)
                maxX = max(maxX, x)
                minY = min(minY, y)
                maxY = max(maxY, y)
                let point = (Int(x.rounded()), Int(y.rounded()))
                if let last = points.last, last == point { continue }
                points.append(point)
            }
            if points.count > 1, let first = points.first, let last = points.last, first == last {
                points.removeLast()
            }
            guard points.count >= 3 else { continue }
            path += Self.subpath(points)
        }
        return ProvinceShape(
            province: province, pathData: path, centerX: (minX + maxX) / 2, centerY: (minY + maxY) / 2)
    }

    /// `M x y l dx dy dx dy … z`, numbers separated only where a minus sign does not.
    package static func subpath(_ points: [(Int, Int)]) -> String {
        var text = "M\(points[0].0) \(points[0].1)l"
        var previous = points[0]
        var first = true
        for point in points.dropFirst() {
            for delta in [point.0 - previous.0, point.1 - previous.1] {
                if !first && delta >= 0 { text += " " }
                text += String(delta)
                first = false
            }
            previous = point
        }
        return text + "z"
    }
}
