extension Routes {
    /// The routes of the `identity` service (the `identity-verifier` process): checks of an
    /// applicant against the civil registry (ثبت احوال) and mobile ownership (شاهکار).
    public enum Identity {
        /// Checks national code, Jalali birth date and names against the civil registry, and
        /// that the mobile number belongs to that national code.
        ///
        /// Idempotent: it only reads the registries, so a caller may retry it freely. Errors:
        /// `invalidInput` with one `FieldError` per malformed field; `invalidInput` with
        /// ``IdentityVerificationMessages/applicantInvalid`` and the seed's hints when the
        /// registry or the mobile check does not match (the two cases are identical on the
        /// wire); `unavailable` with ``IdentityVerificationMessages/registryUnavailable`` when a
        /// registry cannot answer now.
        public static let verifyApplicant = Route<IdentityVerifyRequest, IdentityVerification>(
            "identity.verifyApplicant", isIdempotent: true)
    }
}
