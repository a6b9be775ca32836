/// The request of `requests.holidays`: the official holidays of a Jalali year.
public struct HolidayListQuery: Codable, Sendable, Equatable {
    /// The Jalali year, such as 1405; nil for every year stored.
    public var year: Int?

    /// Makes the query.
    public init(year: Int? = nil) {
        self.year = year
    }
}
