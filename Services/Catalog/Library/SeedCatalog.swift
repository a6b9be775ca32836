import Foundation
import MizSchema

/// The catalog the service starts with: the organization's real services, shipped as the
/// resource `seed-catalog.json` and stored into an empty database on first start.
///
/// The file holds `formatVersion`, `categories` ({key, title}) and `services`, each a
/// `ServiceProfileDraft` in wire field names plus `active`. Values the organization does not
/// publish (processing times, most fees) are editable defaults, and each such profile says so
/// in `defaultsNote`.
package struct SeedCatalog: Sendable {
    /// The file format this build reads.
    package static let formatVersion = 1

    /// The categories, in the catalog's order.
    package var categories: [CategoryDefinition]
    /// Each service's content and whether it starts active.
    package var services: [(draft: ServiceProfileDraft, active: Bool)]

    /// Reads the seed shipped with the service.
    package static func bundled() throws -> SeedCatalog {
        guard let url = Bundle.module.url(forResource: "seed-catalog", withExtension: "json") else {
            throw SeedCatalogError.missingResource
        }
        return try SeedCatalog(json: try Data(contentsOf: url))
    }

    /// Reads a seed file's content.
    package init(json: Data) throws {
        let file: SeedFile
        do {
            file = try JSONDecoder().decode(SeedFile.self, from: json)
        } catch {
            throw SeedCatalogError.unreadable("\(error)")
        }
        guard file.formatVersion == Self.formatVersion else {
            throw SeedCatalogError.unsupportedFormat(file.formatVersion)
        }
        categories = file.categories
        services = file.services.map { ($0.draft, $0.active) }
    }

    /// The seed's services as version-1 profiles stored at `date`.
    package func profiles(at date: Date) -> [ServiceProfile] {
        services.map { ServiceProfile(draft: $0.draft, version: 1, active: $0.active, updatedAt: date) }
    }

    /// The file as written.
    private struct SeedFile: Decodable {
        var formatVersion: Int
        var categories: [CategoryDefinition]
        var services: [SeedService]
    }

    /// One service of the file: a draft plus `active`, in one JSON object.
    private struct SeedService: Decodable {
        var draft: ServiceProfileDraft
        var active: Bool

        private enum CodingKeys: String, CodingKey { case active }

        init(from decoder: any Decoder) throws {
            draft = try ServiceProfileDraft(from: decoder)
            active = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Bool.self, forKey: .active) ?? true
        }
    }
}
