/// The request of `catalog.profile`: a service's card by code, at its current version or
/// at the version a request was made under.
public struct CatalogProfileRequest: Codable, Sendable, Equatable {
    /// The service code.
    public var code: String
    /// The version; nil for the current one.
    public var version: Int?

    /// Makes the request.
    public init(code: String, version: Int? = nil) {
        self.code = code
        self.version = version
    }
}
