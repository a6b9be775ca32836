import MizSchema

/// The parameters of the staff's catalog list (`GET /api/v1/catalog/services` and the page
/// `/kartabl/khadamat`): the public list's `q`, `province`, `category`, `page` and `pageSize`,
/// checked the same way, plus `status`: `all` (the default), `active` or `inactive`.
package struct CatalogStaffListParameters: Sendable, Equatable {
    /// Which services by their active flag.
    package enum Status: String, Sendable, CaseIterable {
        /// Active and deactivated services.
        case all
        /// Only services citizens can find and ask for.
        case active
        /// Only deactivated services.
        case inactive
    }

    /// The shared parameters, checked as the public list checks them.
    package var search: ServiceSearchParameters
    /// The `status` asked for.
    package var status: Status

    /// The message of a `status` that is none of the three.
    static let badStatus = "وضعیت باید یکی از all (همه)، active (فعال) یا inactive (غیرفعال) باشد."

    /// Reads and checks the query parameters.
    ///
    /// - Throws: `BusError.invalidInput` naming each wrong parameter with a Persian message.
    package init(query: APIQueryParameters) throws(BusError) {
        var problems: [FieldError] = []
        let status: Status?
        if let given = ServiceSearchParameters.nonEmpty(query["status"])?.lowercased() {
            status = Status(rawValue: given)
        } else {
            status = .all
        }
        if status == nil { problems.append(FieldError(field: "status", message: Self.badStatus)) }
        do {
            search = try ServiceSearchParameters(query: query)
        } catch {
            problems = error.fields + problems
            search = .defaults
        }
        guard problems.isEmpty, let status else { throw BusError.invalidInput(problems) }
        self.status = status
    }

    /// The parameters, or when some are wrong, the defaults (every service, first page) and
    /// the refusal, for a page that shows the problem above the whole list.
    package static func leniently(_ query: APIQueryParameters) -> (CatalogStaffListParameters, BusError?) {
        do {
            return (try CatalogStaffListParameters(query: query), nil)
        } catch {
            return (CatalogStaffListParameters(search: .defaults, status: .all), error)
        }
    }

    private init(search: ServiceSearchParameters, status: Status) {
        self.search = search
        self.status = status
    }

    /// The catalog's list request: words, filters and page, with the state asked for.
    package var listRequest: CatalogListRequest {
        CatalogListRequest(
            text: search.text, province: search.province, category: search.category, page: search.page,
            pageSize: search.pageSize, includeInactive: status != .active, onlyInactive: status == .inactive)
    }
}
