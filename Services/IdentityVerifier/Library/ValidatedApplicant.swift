import MizPersian

/// An applicant whose every field passed its format check: the national code's check digit,
/// a birth date that exists in the Jalali calendar and is not in the future, names in Persian
/// letters and a mobile number with a known operator prefix.
package struct ValidatedApplicant: Sendable, Hashable {
    package let nationalCode: NationalCode
    package let birthDate: JalaliDate
    /// The first name lightly cleaned for display (Persian ی and ک, spaces, ZWNJ).
    package let firstName: String
    /// The last name lightly cleaned for display.
    package let lastName: String
    package let mobile: MobileNumber
    /// The names in the form they are compared in, folded once here rather than on every
    /// comparison.
    private let firstNameKey: String
    private let lastNameKey: String

    /// Makes an applicant from checked parts.
    package init(
        nationalCode: NationalCode, birthDate: JalaliDate, firstName: String, lastName: String, mobile: MobileNumber
    ) {
        self.nationalCode = nationalCode
        self.birthDate = birthDate
        self.firstName = firstName
        self.lastName = lastName
        self.mobile = mobile
        firstNameKey = Self.nameKey(firstName)
        lastNameKey = Self.nameKey(lastName)
    }

    /// Whether the registry's names are this applicant's, compared after normalization:
    /// Arabic ي/ك, diacritics, tatweel, ZWNJ and spaces do not matter («محمد رضا» is
    /// «محمدرضا», «كريمي» is «کریمی»).
    package func hasNames(of record: RegistryRecord) -> Bool {
        firstNameKey == Self.nameKey(record.firstName) && lastNameKey == Self.nameKey(record.lastName)
    }

    /// The form two names are compared in.
    package static func nameKey(_ name: String) -> String {
        PersianText.compactedForSearch(name)
    }
}
