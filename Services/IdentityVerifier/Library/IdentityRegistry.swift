import MizPersian

/// The two registries an applicant is checked against: the civil registry (ثبت احوال) and
/// mobile ownership (شاهکار). One back end answers both: the embedded synthetic registry for
/// a local run, or the organization's upstream web services.
///
/// A method returns an answer (found or not, owned or not) or throws when the registry cannot
/// answer now; the routes turn any thrown error into `unavailable`, never into a mismatch.
package protocol IdentityRegistry: Sendable {
    /// The names on record for the person with this national code *and* birth date, or nil
    /// when no such person exists (an unknown code and a wrong birth date look the same).
    func person(nationalCode: NationalCode, birthDate: JalaliDate) async throws -> RegistryRecord?

    /// Whether `mobile` is registered to `nationalCode`.
    func mobile(_ mobile: MobileNumber, belongsTo nationalCode: NationalCode) async throws -> Bool

    /// Checks `applicant` against both registries: the person by national code and birth
    /// date, their names, then ownership of the mobile.
    ///
    /// The default asks `person` and then, only when the names match, `mobile`, so an upstream
    /// registry is not asked about the mobile of someone already refused. A back end that can
    /// answer both in one lookup (the embedded registry) does so.
    func verdict(on applicant: ValidatedApplicant) async throws -> RegistryVerdict

    /// Whether the registry can answer (for `/ready`).
    func isReady() async -> Bool
}

extension IdentityRegistry {
    /// `person`, the names, then `mobile`: the checks one after the other.
    package func verdict(on applicant: ValidatedApplicant) async throws -> RegistryVerdict {
        guard let record = try await person(nationalCode: applicant.nationalCode, birthDate: applicant.birthDate)
        else { return .noSuchPerson }
        guard applicant.hasNames(of: record) else { return .namesDiffer }
        return try await mobile(applicant.mobile, belongsTo: applicant.nationalCode) ? .verified : .mobileNotOwned
    }
}
