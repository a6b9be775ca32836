/// The reply of `catalog.provinces`: the 31 provinces by their ISO number, from Markazi
/// (IR-00) to Alborz (IR-30).
public struct CatalogProvinceList: Codable, Sendable, Equatable {
    /// The provinces, by ISO number.
    public var provinces: [ProvinceInfo]

    /// Makes the reply.
    public init(provinces: [ProvinceInfo]) {
        self.provinces = provinces
    }
}
