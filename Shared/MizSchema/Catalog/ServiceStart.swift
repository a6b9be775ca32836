/// How a service starts.
public enum ServiceStart: String, Codable, Sendable, CaseIterable {
    /// When the citizen asks.
    case request
    /// On a set date each period, such as the yearly renewal of grazing licences.
    case date
}
