/// What the civil registry holds about a person, as far as the desk compares it: the names.
package struct RegistryRecord: Sendable, Hashable, Codable {
    /// The first name as registered.
    package var firstName: String
    /// The last name as registered.
    package var lastName: String

    /// Makes a record.
    package init(firstName: String, lastName: String) {
        self.firstName = firstName
        self.lastName = lastName
    }
}
