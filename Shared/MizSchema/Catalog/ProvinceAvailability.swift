/// The provinces whose desk offers a service: all 31, or only those listed.
///
/// On the wire it is the string `"all"` or an array of province slugs, such as
/// `["gilan", "mazandaran"]`.
public enum ProvinceAvailability: Codable, Sendable, Equatable {
    /// Every province.
    case all
    /// Only these province slugs.
    case only([String])

    /// Whether the service is offered in the province with this slug.
    public func includes(_ slug: String) -> Bool {
        switch self {
        case .all: true
        case .only(let slugs): slugs.contains(slug)
        }
    }

    /// Decodes `"all"` or an array of slugs.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let word = try? container.decode(String.self) {
            guard word == "all" else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected \"all\" or an array of province slugs")
            }
            self = .all
        } else {
            self = .only(try container.decode([String].self))
        }
    }

    /// Encodes `"all"` or an array of slugs.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all: try container.encode("all")
        case .only(let slugs): try container.encode(slugs)
        }
    }
}
