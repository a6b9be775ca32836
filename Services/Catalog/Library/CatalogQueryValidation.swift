import Foundation
import MizPersian
import MizSchema

/// Checks the filters and page of a search or list request and resolves them to what the
/// index understands, or fails with a Persian message per field.
package enum CatalogQueryValidation {
    /// The highest page number accepted; a catalog of this size never has more.
    package static let maximumPage = 10_000

    /// The index filter and page of a search, after checking every field.
    ///
    /// - Throws: `BusError.invalidInput` naming every wrong field.
    package static func validate(
        _ query: CatalogSearchQuery, categories: [CategoryDefinition]
    ) throws(BusError) -> CatalogSearchIndex.Filter {
        var problems: [FieldError] = []
        checkText(query.text, problems: &problems)
        let filter = resolve(
            province: query.province, category: query.category, page: query.page, pageSize: query.pageSize,
            includeInactive: false, categories: categories, problems: &problems)
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        return filter
    }

    /// The index filter and page of a list request, after checking every field.
    package static func validate(
        _ request: CatalogListRequest, categories: [CategoryDefinition]
    ) throws(BusError) -> CatalogSearchIndex.Filter {
        var problems: [FieldError] = []
        checkText(request.text, problems: &problems)
        var filter = resolve(
            province: request.province, category: request.category, page: request.page,
            pageSize: request.pageSize, includeInactive: request.includeInactive, categories: categories,
            problems: &problems)
        filter.onlyInactive = request.onlyInactive
        guard problems.isEmpty else { throw BusError.invalidInput(problems) }
        return filter
    }

    /// Refuses a search text longer than the catalog searches.
    private static func checkText(_ text: String, problems: inout [FieldError]) {
        guard text.count > CatalogSearchQuery.maximumTextLength else { return }
        problems.append(
            FieldError(
                field: "text",
                message:
                    "متن جستجو نباید بیشتر از \(PersianDigits.display(CatalogSearchQuery.maximumTextLength)) نویسه باشد."
            ))
    }

    /// A province as the caller may name it: its slug, or forgivingly its ISO code or its
    /// Persian or English name; nil when none matches.
    package static func province(_ text: String) -> Province? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        return Province(slug: trimmed) ?? Province(code: trimmed) ?? Province(matching: text)
    }

    private static func resolve(
        province: String?, category: String?, page: Int, pageSize: Int, includeInactive: Bool,
        categories: [CategoryDefinition], problems: inout [FieldError]
    ) -> CatalogSearchIndex.Filter {
        var filter = CatalogSearchIndex.Filter(includeInactive: includeInactive)
        if let province = province.flatMap(nonEmpty) {
            if let known = Self.province(province) {
                filter.province = known.slug
            } else {
                problems.append(FieldError(field: "province", message: "استان انتخاب‌شده شناخته نشد."))
            }
        }
        if let category = category.flatMap(nonEmpty) {
            if categories.contains(where: { $0.key == category }) {
                filter.category = category
            } else {
                problems.append(FieldError(field: "category", message: "دسته‌بندی انتخاب‌شده شناخته نشد."))
            }
        }
        if page < 1 {
            problems.append(FieldError(field: "page", message: "شماره صفحه باید ۱ یا بیشتر باشد."))
        } else if page > maximumPage {
            problems.append(
                FieldError(
                    field: "page", message: "شماره صفحه نباید بیشتر از \(PersianDigits.display(maximumPage)) باشد."))
        }
        if !(1...CatalogSearchQuery.maximumPageSize).contains(pageSize) {
            problems.append(
                FieldError(
                    field: "pageSize",
                    message:
                        "تعداد نتایج هر صفحه باید بین ۱ تا \(PersianDigits.display(CatalogSearchQuery.maximumPageSize)) باشد."
                ))
        }
        return filter
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}
