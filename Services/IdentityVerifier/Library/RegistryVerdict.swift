/// What the registries say about an applicant, as the first failing check or `verified`.
///
/// The reply to the caller is the same for every mismatch (the caller must not learn which
/// check failed); the verdict says which one for the log.
package enum RegistryVerdict: Sendable, Hashable {
    /// No person with this national code and birth date in the civil registry.
    case noSuchPerson
    /// The person exists, but under other names.
    case namesDiffer
    /// The person and names match, but the mobile is not registered to the national code.
    case mobileNotOwned
    /// Every check passed.
    case verified

    /// Why the applicant was not verified, for the log; nil when verified.
    package var mismatchReason: String? {
        switch self {
        case .noSuchPerson: "registry: no person with this code and birth date"
        case .namesDiffer: "registry: names differ"
        case .mobileNotOwned: "mobile: not registered to this national code"
        case .verified: nil
        }
    }
}
