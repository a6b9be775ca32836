import MizPersian
import MizSchema

/// The Persian messages the catalog API answers bad parameters with, in one place so the
/// routes, the OpenAPI examples and the tests agree.
package enum APIMessages {
    /// A parameter whose `%XX` encoding is broken or not UTF-8.
    package static let malformedParameter = "مقدار این پارامتر به‌درستی کدگذاری نشده است."
    /// `q` longer than the catalog accepts.
    package static let textTooLong =
        "متن جستجو نباید بیشتر از \(PersianDigits.display(CatalogSearchQuery.maximumTextLength)) نویسه باشد."
    /// A province the desk does not have.
    package static let unknownProvince = "استان انتخاب‌شده معتبر نیست."
    /// A category key that cannot exist.
    package static let unknownCategory = "دسته‌بندی انتخاب‌شده معتبر نیست."
    /// `page` not a whole number of at least 1.
    package static let badPage = "شماره صفحه باید عددی صحیح و ۱ یا بیشتر باشد."
    /// `pageSize` out of range.
    package static let badPageSize =
        "تعداد نتایج هر صفحه باید عددی صحیح بین ۱ تا \(PersianDigits.display(CatalogSearchQuery.maximumPageSize)) باشد."
    /// `version` not a whole number of at least 1.
    package static let badVersion = "شماره نسخه باید عددی صحیح و ۱ یا بیشتر باشد."
    /// A service code that names no service.
    package static let unknownService = "خدمت مورد نظر یافت نشد."
}
