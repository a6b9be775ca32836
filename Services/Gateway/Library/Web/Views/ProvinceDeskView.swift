/// A province's desk: the services its desk offers, searchable, each request started from here
/// carrying the province.
package struct ProvinceDeskView: Sendable {
    package var province: ProvinceContext
    /// «۳۴ خدمت».
    package var serviceCount: String
    package var search: SearchFormView
    package var list: ServiceListView
}
