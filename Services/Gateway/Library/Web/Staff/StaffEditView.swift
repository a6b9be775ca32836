import MizPersian
import MizSchema

/// The edit page of one staff account: whether it is enabled, and an official's provinces as
/// checkboxes; with the problems of a refused change, each linked from the summary.
package struct StaffEditView: Sendable {
    /// One province checkbox.
    package struct ProvinceChoice: Sendable {
        package var id: String
        package var slug: String
        package var name: String
        package var isChecked: Bool
    }

    /// One line of the error summary.
    package struct Problem: Sendable {
        package var message: String
        package var href: String
    }

    package var csrf: String
    package var action: String
    package var username: String
    package var displayName: String
    package var role: String
    package var isOfficial: Bool
    package var isEnabled: Bool
    package var provinces: [ProvinceChoice]
    /// The error summary's lines (the templates read stored properties only, so the flag is kept).
    package var problems: [Problem] = [] {
        didSet { hasProblems = !problems.isEmpty }
    }
    package private(set) var hasProblems = false
    package var enabledProblem: String?
    package var provincesProblem: String?

    /// The page of `account`; `enabled` and `provinces` are what the form showed or was sent.
    package init(csrf: String, account: StaffAccount, enabled: Bool? = nil, provinces: [String]? = nil) {
        self.csrf = csrf
        action = StaffAccountPages.editPath(account.username)
        username = account.username
        displayName = account.displayName
        role = account.role == .administrator ? "مدیر کل" : "کارشناس استان"
        isOfficial = account.role == .official
        isEnabled = enabled ?? account.enabled
        let ticked = Set(provinces ?? account.provinces)
        self.provinces = Province.allCases.map {
            ProvinceChoice(
                id: "staff-province-\($0.slug)", slug: $0.slug, name: $0.persianName,
                isChecked: ticked.contains($0.slug))
        }
    }

    /// Shows a refusal of `identity.staffUpdate`: each field's problem beside it and in the
    /// summary, or the general message when no field is named.
    package mutating func show(_ error: BusError) {
        for field in error.fields {
            switch field.field {
            case "enabled":
                enabledProblem = enabledProblem ?? field.message
                problems.append(Problem(message: field.message, href: "#staff-enabled-yes"))
            case "provinces":
                provincesProblem = provincesProblem ?? field.message
                problems.append(Problem(message: field.message, href: "#\(provinces.first?.id ?? "staff-edit")"))
            default:
                problems.append(Problem(message: field.message, href: "#staff-edit"))
            }
        }
        if problems.isEmpty { problems.append(Problem(message: error.message, href: "#staff-edit")) }
    }
}
