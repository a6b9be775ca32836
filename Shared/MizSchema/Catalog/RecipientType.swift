/// Who receives a service, in the national catalogue's terms: citizens, businesses or other
/// government bodies.
public enum RecipientType: String, Codable, Sendable, CaseIterable {
    /// Government to citizen.
    case g2c = "G2C"
    /// Government to business.
    case g2b = "G2B"
    /// Government to government.
    case g2g = "G2G"
}
