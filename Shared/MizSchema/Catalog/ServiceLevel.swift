/// The administrative level that decides a service: the national headquarters, the
/// provincial directorate or the county office.
public enum ServiceLevel: String, Codable, Sendable, CaseIterable {
    /// Decided at the organization's headquarters.
    case national
    /// Decided by the provincial directorate (اداره کل استان).
    case provincial
    /// Decided by the county office (اداره شهرستان).
    case county
}
