/// The reply of the holiday routes: the holidays, in date order.
public struct HolidayList: Codable, Sendable, Equatable {
    /// The holidays.
    public var holidays: [Holiday]

    /// Makes the list.
    public init(holidays: [Holiday]) {
        self.holidays = holidays
    }
}
