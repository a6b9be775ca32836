import Foundation
import MizPersian

/// The applicant-details part of a form (the `applicant-details` partial): national code,
/// names, mobile and the Jalali birth date, which works three ways: day/month/year selects
/// without script, a calendar with script (the selects stay the truth), and a text field that
/// takes a typed date in any digits. The requests form reuses it.
package struct ApplicantDetailsView: Sendable {
    /// One choice of a select.
    package struct Option: Sendable {
        package var value: String
        package var label: String
        package var selected: Bool
    }

    package var nationalCode: String
    package var firstName: String
    package var lastName: String
    package var mobile: String
    /// The birth date as typed in the text field.
    package var birthDateText: String
    package var years: [Option]
    package var months: [Option]
    package var days: [Option]
    /// Problems by field name (`nationalCode`, `birthDate`, …), shown under each field.
    package var nationalCodeProblem: String? {
        didSet { describeNationalCode() }
    }
    package var birthDateProblem: String?
    package var firstNameProblem: String?
    package var lastNameProblem: String?
    package var mobileProblem: String?
    /// True on the request form of a logged-in citizen: the national code is the session's,
    /// shown read-only (the gateway puts the session's code back whatever is posted).
    package var isNationalCodeLocked = false {
        didSet { describeNationalCode() }
    }
    /// The ids that describe the national code input: its read-only hint and its problem
    /// (stored, since the templates read stored properties only).
    package private(set) var nationalCodeDescribedBy: String?

    private mutating func describeNationalCode() {
        let ids = [
            isNationalCodeLocked ? "applicant-national-code-hint" : nil,
            nationalCodeProblem == nil ? nil : "applicant-national-code-problem",
        ].compactMap { $0 }
        nationalCodeDescribedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// The part filled from a posted form (or empty), with problems from a refusal.
    package init(form: WebForm?, problems: [String: String] = [:], today: JalaliDate = JalaliDate(gregorian: Date())) {
        nationalCode = form?["nationalCode"] ?? ""
        firstName = form?["firstName"] ?? ""
        lastName = form?["lastName"] ?? ""
        mobile = form?["mobile"] ?? ""
        birthDateText = form?["birthDateText"] ?? ""
        let year = form?["birthYear"].flatMap(PersianDigits.parseInteger)
        let month = form?["birthMonth"].flatMap(PersianDigits.parseInteger)
        let day = form?["birthDay"].flatMap(PersianDigits.parseInteger)
        years = (1300...today.year).reversed().map {
            Option(value: String($0), label: PersianDigits.display($0), selected: $0 == year)
        }
        months = JalaliDate.monthNames.enumerated().map {
            Option(value: String($0.offset + 1), label: $0.element, selected: $0.offset + 1 == month)
        }
        days = (1...31).map { Option(value: String($0), label: PersianDigits.display($0), selected: $0 == day) }
        nationalCodeProblem = problems["nationalCode"]
        birthDateProblem = problems["birthDate"]
        firstNameProblem = problems["firstName"]
        lastNameProblem = problems["lastName"]
        mobileProblem = problems["mobile"]
        describeNationalCode()
    }

    /// The birth date the form says: the typed text when there is one, else the selects.
    package static func birthDate(of form: WebForm) -> String {
        if let typed = form["birthDateText"] { return typed }
        guard let year = form["birthYear"], let month = form["birthMonth"], let day = form["birthDay"] else {
            return ""
        }
        return "\(year)/\(month)/\(day)"
    }
}
