/// How often one person may use a service.
public enum ServiceFrequency: String, Codable, Sendable, CaseIterable {
    /// Once, such as the first issue of a licence.
    case once
    /// Once a year, such as a renewal.
    case yearly
    /// Whenever needed, such as a transport permit.
    case asNeeded
}
