/// Why the seed catalog could not be read; the service refuses to start rather than serve
/// an empty catalog.
package enum SeedCatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The resource is not in the bundle next to the executable.
    case missingResource
    /// The file is not valid JSON of the expected shape.
    case unreadable(String)
    /// The file's `formatVersion` is not one this build reads.
    case unsupportedFormat(Int)
    /// A seed profile breaks the rules an administrator's edit must follow.
    case invalidProfile(code: String, problems: [String])

    /// The reason, for the log of a failed start.
    package var description: String {
        switch self {
        case .missingResource: "seed-catalog.json is missing from the catalog's resource bundle"
        case .unreadable(let reason): "seed-catalog.json cannot be read: \(reason)"
        case .unsupportedFormat(let version): "seed-catalog.json has unsupported formatVersion \(version)"
        case .invalidProfile(let code, let problems):
            "seed-catalog.json: service \(code) is invalid: \(problems.joined(separator: "; "))"
        }
    }
}
