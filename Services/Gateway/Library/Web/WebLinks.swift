import Foundation

/// The addresses of the pages, built in one place so that every link percent-encodes its
/// parts the same way.
package enum WebLinks {
    /// The characters a query value keeps as they are.
    private static let queryValueAllowed: CharacterSet = {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?/")
        return allowed
    }()

    /// The characters a path segment keeps as they are.
    private static let pathSegmentAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return allowed
    }()

    /// A path with a query made of the non-empty pairs, in order.
    package static func with(_ path: String, _ pairs: [(String, String?)], fragment: String? = nil) -> String {
        let query = pairs.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? "")"
        }
        var link = query.isEmpty ? path : "\(path)?\(query.joined(separator: "&"))"
        if let fragment { link += "#\(fragment)" }
        return link
    }

    /// One path segment, percent-encoded.
    package static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? ""
    }

    /// The desk of a province.
    package static func province(_ slug: String) -> String { "/ostan/\(segment(slug))" }

    /// A service's profile, carrying the province the visitor came from.
    package static func profile(_ code: String, province: String?) -> String {
        with("/khadamat/\(segment(code))", [("ostan", province)])
    }

    /// The profile's "how to apply" section, carrying the province the visitor came from.
    package static func request(_ code: String, province: String?) -> String {
        with("/khadamat/\(segment(code))", [("ostan", province)], fragment: ProfileView.applySectionId)
    }

    /// The list page a search runs on: the home page or a province's desk.
    package static func listPage(province: String?) -> String {
        province.map(Self.province) ?? "/"
    }
}
