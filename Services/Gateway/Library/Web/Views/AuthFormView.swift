/// The view of the login and account pages: the form's values, its CSRF token and what went
/// wrong, field by field, in Persian.
package struct AuthFormView: Sendable {
    /// One field's message.
    package struct Problem: Sendable {
        package var field: String
        package var message: String
    }

    package var csrf: String
    /// A general message above the form (an error or a notice).
    package var message: String?
    package var isError = false
    package var problems: [Problem] = []
    /// Values typed before, shown again (never a password or a code).
    package var values: [String: String] = [:]
    /// The citizen login's second step.
    package var challengeId: String?
    /// When a new code may be asked, as Persian clock time.
    package var resendAtText: String?
    /// The same as seconds since 1970, for the countdown script.
    package var resendAtEpoch: Int?
    /// Who is logged in, for the panel and the inbox.
    package var who: String?
    package var identifier: String?
    package var role: String?
    /// The staff member's provinces in Persian, joined; nil for an administrator.
    package var provincesText: String?
    /// Staff accounts, for the administrators' page.
    package var staff: [StaffRow] = []
    /// Province choices, for the administrators' page.
    package var provinceOptions: [ProvinceOption] = []
    /// The applicant-details part, for `/estelam`.
    package var applicant: ApplicantDetailsView?
    /// The page to come back to after the citizen's login (a local path).
    package var returnPath: String?
    /// SMS messages, for `/dev/sms`.
    package var messages: [SMSRow] = []

    package init(csrf: String) {
        self.csrf = csrf
    }

    /// One staff account row.
    package struct StaffRow: Sendable {
        package var username: String
        package var displayName: String
        package var role: String
        package var provinces: String
        /// «فعال» or «غیرفعال», in words rather than by colour.
        package var status: String
        package var isEnabled: Bool
        /// The account's edit page (disable, enable, provinces).
        package var editLink: String
    }

    /// One province choice.
    package struct ProvinceOption: Sendable {
        package var slug: String
        package var name: String
    }

    /// One SMS of the development inbox.
    package struct SMSRow: Sendable {
        package var recipient: String
        package var text: String
        package var time: String
        package var status: String
    }
}
