/// A province as the catalog shows it: names, capital and how many active services its desk
/// offers.
public struct ProvinceInfo: Codable, Sendable, Equatable {
    /// The stable slug, such as `razavi-khorasan`.
    public var slug: String
    /// The ISO 3166-2:IR code, such as `IR-09`.
    public var code: String
    /// The Persian name without «استان», such as «خراسان رضوی».
    public var persianName: String
    /// The English name, such as "Razavi Khorasan".
    public var englishName: String
    /// The Persian name of the capital, such as «مشهد».
    public var capital: String
    /// The active services offered in the province.
    public var serviceCount: Int

    /// Makes a province entry.
    public init(
        slug: String, code: String, persianName: String, englishName: String, capital: String, serviceCount: Int
    ) {
        self.slug = slug
        self.code = code
        self.persianName = persianName
        self.englishName = englishName
        self.capital = capital
        self.serviceCount = serviceCount
    }
}
