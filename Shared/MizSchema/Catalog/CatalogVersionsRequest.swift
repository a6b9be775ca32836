/// The request of `catalog.versions`: every stored version of one service's profile, for the
/// staff pages that show how a card changed and which rules held when.
public struct CatalogVersionsRequest: Codable, Sendable, Equatable {
    /// The service code.
    public var code: String

    /// Makes the request.
    public init(code: String) {
        self.code = code
    }
}
