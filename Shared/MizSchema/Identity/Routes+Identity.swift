extension Routes {
    /// The routes of the `identity` service (the `identity-verifier` process): checks of an
    /// applicant against the civil registry (ثبت احوال) and mobile ownership (شاهکار),
    /// citizens' SMS login, sessions, and staff accounts.
    public enum Identity {
        /// Checks national code, Jalali birth date and names against the civil registry, and
        /// that the mobile number belongs to that national code.
        ///
        /// Idempotent: it only reads the registries, so a caller may retry it freely. Errors:
        /// `invalidInput` with one `FieldError` per malformed field; `invalidInput` with
        /// ``IdentityVerificationMessages/applicantInvalid`` and the seed's hints when the
        /// registry or the mobile check does not match (the two cases are identical on the
        /// wire); `unavailable` with ``IdentityVerificationMessages/registryUnavailable`` when a
        /// registry cannot answer now; `tooManyRequests` when the caller's client address or
        /// the national code was checked too often lately.
        public static let verifyApplicant = Route<IdentityVerifyRequest, IdentityVerification>(
            "identity.verifyApplicant", isIdempotent: true)

        /// Starts a citizen's login: when the mobile belongs to the national code, a six-digit
        /// code is sent by SMS. The reply is the same either way. Not idempotent: each call
        /// may send an SMS. Errors: `invalidInput` per field, `tooManyRequests` (rate limits,
        /// a lock, a resend too soon), `unavailable` (registry down).
        public static let loginStart = Route<IdentityLoginStartRequest, IdentityLoginChallenge>(
            "identity.loginStart", isIdempotent: false)

        /// Ends a citizen's login with the code: a session. The code is single use. Errors:
        /// `unauthorized` (wrong, expired or used code), `tooManyRequests` (locked).
        public static let loginVerify = Route<IdentityLoginVerifyRequest, IdentitySession>(
            "identity.loginVerify", isIdempotent: false)

        /// Resolves a session token to its caller: signature, expiry and revocation checked.
        /// Errors: `unauthorized`.
        public static let session = Route<IdentitySessionRequest, IdentitySessionStatus>(
            "identity.session", isIdempotent: true)

        /// Revokes the session of a token. Idempotent. Errors: `unauthorized` for a forged token.
        public static let logout = Route<IdentitySessionRequest, IdentityLogoutReply>(
            "identity.logout", isIdempotent: true)

        /// An official's or administrator's login with user name and password: a session.
        /// Errors: `unauthorized`, `tooManyRequests` (locked account or too many attempts).
        public static let staffLogin = Route<IdentityStaffLoginRequest, IdentitySession>(
            "identity.staffLogin", isIdempotent: false)

        /// Creates a staff account: administrators, or the `desk` service for the first one.
        /// Errors: `invalidInput`, `conflict` (user name taken), `unauthorized`, `forbidden`.
        public static let staffCreate = Route<IdentityStaffCreateRequest, StaffAccount>(
            "identity.staffCreate", isIdempotent: false)

        /// Sets a new password and revokes the account's sessions: administrators, or `desk`.
        public static let staffResetPassword = Route<IdentityStaffPasswordRequest, StaffAccount>(
            "identity.staffResetPassword", isIdempotent: false)

        /// Lists every staff account: administrators, or `desk`.
        public static let staffList = Route<IdentityStaffListRequest, StaffAccountList>(
            "identity.staffList", isIdempotent: true)

        /// Disables or re-enables an account, or sets an official's provinces: administrators,
        /// or `desk`. Disabling ends the account's sessions in the same transaction. Idempotent:
        /// it sets values, so a retry leaves the same account. Errors: `invalidInput` (provinces),
        /// `notFound`, `conflict` (an administrator disabling their own account, or the last
        /// enabled administrator), `unauthorized`, `forbidden` (also `evenIfLastAdministrator` from
        /// anyone but `desk`).
        public static let staffUpdate = Route<IdentityStaffUpdateRequest, StaffAccount>(
            "identity.staffUpdate", isIdempotent: true)

        /// One page of the audit log, newest first, optionally only one actor's, one action's or
        /// a range of Jalali days': administrators, or `desk`. Errors: `invalidInput` (page,
        /// pageSize, actor, action, from, to: one `FieldError` each, in Persian),
        /// `unauthorized`, `forbidden`.
        public static let auditList = Route<IdentityAuditListRequest, IdentityAuditList>(
            "identity.auditList", isIdempotent: true)
    }
}
