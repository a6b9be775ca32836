/// The JSON the upstream registry client speaks; a gateway in front of the real ثبت احوال and
/// شاهکار services (or the tests' fake server) implements it.
///
/// Civil registry: `POST <registry URL>` with ``PersonQuery`` → 200 with ``PersonAnswer``.
/// Mobile ownership: `POST <mobile-ownership URL>` with ``OwnershipQuery`` → 200 with
/// ``OwnershipAnswer``. With an API key the client sends `Authorization: Bearer <key>`.
/// Any other status, a body that does not decode, or `match: true` without names is a failure
/// of the upstream (retried: 429 and 5xx, timeouts, malformed bodies), never a mismatch.
/// Lookups are POSTs so that national codes stay out of URLs and access logs.
package enum UpstreamRegistryProtocol {
    /// Who to look up in the civil registry.
    package struct PersonQuery: Codable, Sendable, Hashable {
        /// Ten ASCII digits.
        package var nationalCode: String
        /// Jalali, "1370-05-12".
        package var birthDate: String

        /// Makes the query.
        package init(nationalCode: String, birthDate: String) {
            self.nationalCode = nationalCode
            self.birthDate = birthDate
        }
    }

    /// The civil registry's answer: `match` false when no person has that code and birth date.
    package struct PersonAnswer: Codable, Sendable, Equatable {
        package var match: Bool
        package var firstName: String?
        package var lastName: String?

        /// Makes the answer.
        package init(match: Bool, firstName: String? = nil, lastName: String? = nil) {
            self.match = match
            self.firstName = firstName
            self.lastName = lastName
        }
    }

    /// Which mobile to check against which national code.
    package struct OwnershipQuery: Codable, Sendable, Hashable {
        /// Ten ASCII digits.
        package var nationalCode: String
        /// Canonical "09…".
        package var mobile: String

        /// Makes the query.
        package init(nationalCode: String, mobile: String) {
            self.nationalCode = nationalCode
            self.mobile = mobile
        }
    }

    /// The mobile-ownership answer.
    package struct OwnershipAnswer: Codable, Sendable, Equatable {
        package var owned: Bool

        /// Makes the answer.
        package init(owned: Bool) {
            self.owned = owned
        }
    }
}
