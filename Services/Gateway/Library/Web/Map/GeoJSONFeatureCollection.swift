import Foundation

/// The part of a GeoJSON `FeatureCollection` the map needs: each feature's properties and its
/// `Polygon` or `MultiPolygon` rings, as longitude/latitude pairs.
package struct GeoJSONFeatureCollection: Decodable, Sendable {
    /// One feature: a province's properties and outline.
    package struct Feature: Decodable, Sendable {
        /// The feature's properties, such as `iso_2020` and `name_fa`.
        package var properties: [String: String?]
        package var geometry: Geometry
    }

    /// A polygon or multipolygon; other geometry types are refused.
    package struct Geometry: Decodable, Sendable {
        /// Every polygon of the geometry, each a list of rings (outer ring first), each ring a
        /// list of `[longitude, latitude]` positions.
        package var polygons: [[[[Double]]]]

        private enum CodingKeys: String, CodingKey { case type, coordinates }

        /// Reads a geometry, refusing any type but `Polygon` and `MultiPolygon`.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch try container.decode(String.self, forKey: .type) {
            case "Polygon":
                polygons = [try container.decode([[[Double]]].self, forKey: .coordinates)]
            case "MultiPolygon":
                polygons = try container.decode([[[[Double]]]].self, forKey: .coordinates)
            case let other:
                throw DecodingError.dataCorruptedError(
                    forKey: .type, in: container, debugDescription: "unsupported geometry \(other)")
            }
        }
    }

    package var features: [Feature]
}
