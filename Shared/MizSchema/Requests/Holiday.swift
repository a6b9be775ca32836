/// An official holiday (تعطیل رسمی): a Jalali day on which no working day is counted.
public struct Holiday: Codable, Sendable, Equatable {
    /// The Jalali day as "1405-01-01"; any digits and `/` are accepted on input.
    public var date: String
    /// What the day is, such as «عید نوروز».
    public var title: String

    /// Makes a holiday.
    public init(date: String, title: String) {
        self.date = date
        self.title = title
    }
}
