import MizPersian
import MizSchema

/// The parameters of `GET /api/v1/services/{code}`, checked: the code from the path and an
/// optional `version` in any digits.
///
/// A code that cannot be a service code (the catalog's codes are 3 to 80 lowercase Latin
/// letters, digits and single hyphens) is answered 404 at once, without a bus call, exactly
/// as the catalog would answer it.
package struct ServiceProfileParameters: Sendable, Equatable {
    /// The service code.
    package var code: String
    /// The version asked for; nil for the current one.
    package var version: Int?

    /// Checks the path's code and the query.
    ///
    /// - Throws: `BusError` `notFound` for an impossible code, `invalidInput` for a bad
    ///   `version` or a broken encoding.
    package init(code: String, query: APIQueryParameters) throws(BusError) {
        var problems: [FieldError] = []
        for name in query.malformed {
            problems.append(FieldError(field: name, message: APIMessages.malformedParameter))
        }
        version = nil
        if let given = ServiceSearchParameters.nonEmpty(query["version"]) {
            if let number = PersianDigits.parseInteger(given), number >= 1 {
                version = number
            } else {
                problems.append(FieldError(field: "version", message: APIMessages.badVersion))
            }
        }
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        guard Self.isServiceCode(code) else { throw BusError(.notFound, message: APIMessages.unknownService) }
        self.code = code
    }

    /// The catalog's request.
    package var profileRequest: CatalogProfileRequest {
        CatalogProfileRequest(code: code, version: version)
    }

    /// Whether `code` has the shape of a service code: 3 to 80 of `a-z`, `0-9` and single
    /// inner hyphens.
    static func isServiceCode(_ code: String) -> Bool {
        let scalars = Array(code.unicodeScalars)
        guard (3...80).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
        var previous: Unicode.Scalar = " "
        for scalar in scalars {
            let isLetterOrDigit = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            guard isLetterOrDigit || (scalar == "-" && previous != "-") else { return false }
            previous = scalar
        }
        return true
    }
}
