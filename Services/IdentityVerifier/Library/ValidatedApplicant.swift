import MizPersian

/// An applicant whose every field passed its format check: the national code's check digit,
/// a birth date that exists in the Jalali calendar and is not in the future, names in Persian
/// letters and a mobile number with a known operator prefix.
package struct ValidatedApplicant: Sendable, Hashable {
    package var nationalCode: NationalCode
    package var birthDate: JalaliDate
    /// The first name lightly cleaned for display (Persian ی and ک, spaces, ZWNJ).
    package var firstName: String
    /// The last name lightly cleaned for display.
    package var lastName: String
    package var mobile: MobileNumber

    /// Makes an applicant from checked parts.
    package init(
        nationalCode: NationalCode, birthDate: JalaliDate, firstName: String, lastName: String, mobile: MobileNumber
    ) {
        self.nationalCode = nationalCode
        self.birthDate = birthDate
        self.firstName = firstName
        self.lastName = lastName
        self.mobile = mobile
    }

    /// Whether the registry's names are this applicant's, compared after normalization:
    /// Arabic ي/ك, diacritics, tatweel, ZWNJ and spaces do not matter («محمد رضا» is
    /// «محمدرضا», «كريمي» is «کریمی»).
    package func hasNames(of record: RegistryRecord) -> Bool {
        Self.nameKey(firstName) == Self.nameKey(record.firstName)
            && Self.nameKey(lastName) == Self.nameKey(record.lastName)
    }

    /// The form two names are compared in.
    package static func nameKey(_ name: String) -> String {
        PersianText.compactedForSearch(name)
    }
}
