/// One person of the embedded registry: the row the synthetic registry stores.
package struct SyntheticCitizen: Sendable, Hashable {
    /// Ten ASCII digits with a valid check digit.
    package var nationalCode: String
    /// The Jalali birth date as "1370-05-12".
    package var birthDate: String
    /// The registered first name.
    package var firstName: String
    /// The registered last name.
    package var lastName: String
    /// The one mobile registered to the person, "09…".
    package var mobile: String

    /// Makes a citizen.
    package init(nationalCode: String, birthDate: String, firstName: String, lastName: String, mobile: String) {
        self.nationalCode = nationalCode
        self.birthDate = birthDate
        self.firstName = firstName
        self.lastName = lastName
        self.mobile = mobile
    }
}
