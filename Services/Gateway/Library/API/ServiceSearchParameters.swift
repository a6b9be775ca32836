import Foundation
import MizPersian
import MizSchema

/// The parameters of `GET /api/v1/services`, checked and normalized.
///
/// The gateway checks what is cheap to check without the catalog (lengths, numbers in any
/// digits, province names, the shape of a category key) so bad requests cost no bus call,
/// and answers every wrong parameter at once in Persian. What only the catalog knows (which
/// categories exist, the last page) it leaves to the catalog, whose `invalidInput` passes
/// through with its field names turned into the API's (see `CatalogAPIRoutes`).
///
/// Normalized values are also the reply cache's key, so «پروانه چرا», «پروانه  چرا» and
/// «پروانه چرا» with Arabic ي share one entry.
package struct ServiceSearchParameters: Sendable, Equatable {
    /// The search text in the catalog's search form (`PersianText.normalizedForSearch`);
    /// empty means "list every service in title order".
    package var text: String
    /// The province's slug.
    package var province: String?
    /// The category key.
    package var category: String?
    /// The page, from 1.
    package var page: Int
    /// Results per page.
    package var pageSize: Int

    /// No parameter: the first page of every service, in title order.
    package static let defaults = ServiceSearchParameters(
        text: "", province: nil, category: nil, page: 1, pageSize: CatalogSearchQuery.defaultPageSize)

    /// Sets every parameter as given, unchecked.
    private init(text: String, province: String?, category: String?, page: Int, pageSize: Int) {
        self.text = text
        self.province = province
        self.category = category
        self.page = page
        self.pageSize = pageSize
    }

    /// The longest category key the gateway sends on.
    static let maximumCategoryLength = 60

    /// Reads and checks the query parameters.
    ///
    /// - Throws: `BusError.invalidInput` naming each wrong parameter with a Persian message.
    package init(query: APIQueryParameters) throws(BusError) {
        var problems: [FieldError] = []
        for name in query.malformed {
            problems.append(FieldError(field: name, message: APIMessages.malformedParameter))
        }

        let rawText = (query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if rawText.count > CatalogSearchQuery.maximumTextLength {
            problems.append(FieldError(field: "q", message: APIMessages.textTooLong))
        }
        text = PersianText.normalizedForSearch(rawText)

        province = nil
        if let given = Self.nonEmpty(query["province"]) {
            if let known = Self.province(given) {
                province = known.slug
            } else {
                problems.append(FieldError(field: "province", message: APIMessages.unknownProvince))
            }
        }

        category = nil
        if let given = Self.nonEmpty(query["category"]) {
            let key = given.lowercased()
            if Self.isCategoryKey(key) {
                category = key
            } else {
                problems.append(FieldError(field: "category", message: APIMessages.unknownCategory))
            }
        }

        page = 1
        if let given = Self.nonEmpty(query["page"]) {
            if let number = PersianDigits.parseInteger(given), number >= 1 {
                page = number
            } else {
                problems.append(FieldError(field: "page", message: APIMessages.badPage))
            }
        }

        pageSize = CatalogSearchQuery.defaultPageSize
        if let given = Self.nonEmpty(query["pageSize"]) {
            if let number = PersianDigits.parseInteger(given), (1...CatalogSearchQuery.maximumPageSize).contains(number)
            {
                pageSize = number
            } else {
                problems.append(FieldError(field: "pageSize", message: APIMessages.badPageSize))
            }
        }

        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
    }

    /// The catalog's search request, for a non-empty text.
    package var searchQuery: CatalogSearchQuery {
        CatalogSearchQuery(text: text, province: province, category: category, page: page, pageSize: pageSize)
    }

    /// The catalog's list request, for an empty text: active services only.
    package var listRequest: CatalogListRequest {
        CatalogListRequest(province: province, category: category, page: page, pageSize: pageSize)
    }

    /// A province as people may name it: its slug, ISO code (`IR-23`), or Persian or English
    /// name, the same leniency as the catalog's; nil when none matches.
    static func province(_ text: String) -> Province? {
        Province(slug: text.lowercased()) ?? Province(code: text) ?? Province(matching: text)
    }

    /// Whether `key` could be a category key: lowercase Latin letters, digits, `-` and `_`.
    static func isCategoryKey(_ key: String) -> Bool {
        !key.isEmpty && key.count <= maximumCategoryLength
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// The trimmed text, or nil when absent or blank (a form's empty field means "any").
    static func nonEmpty(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
