extension Routes {
    /// The routes of the `catalog` service: the catalog of services and their profiles.
    ///
    /// Reads are idempotent. Writes are for administrators and carry an idempotency key in
    /// the envelope; the catalog answers a repeated key with the reply it gave the first time.
    public enum Catalog {
        /// Finds active services by words typed in any order, with filters and a page.
        public static let search = Route<CatalogSearchQuery, CatalogSearchResults>("catalog.search", isIdempotent: true)
        /// Lists services in title order, with filters and a page.
        public static let list = Route<CatalogListRequest, CatalogSearchResults>("catalog.list", isIdempotent: true)
        /// A service's profile by code, at its current or a given version.
        public static let profile = Route<CatalogProfileRequest, ServiceProfile>("catalog.profile", isIdempotent: true)
        /// Every version of a service's profile, newest first (staff: administrators and
        /// officials). Errors: `notFound`, `unauthorized`, `forbidden`.
        public static let versions = Route<CatalogVersionsRequest, ServiceVersionList>(
            "catalog.versions", isIdempotent: true)
        /// The 31 provinces with the number of active services each offers.
        public static let provinces = Route<CatalogProvincesRequest, CatalogProvinceList>(
            "catalog.provinces", isIdempotent: true)
        /// The categories with the number of active services in each.
        public static let categories = Route<CatalogCategoriesRequest, CatalogCategoryList>(
            "catalog.categories", isIdempotent: true)
        /// Adds a service (administrators).
        public static let create = Route<CatalogCreateRequest, ServiceProfile>("catalog.create", isIdempotent: false)
        /// Stores the next version of a service (administrators).
        public static let edit = Route<CatalogEditRequest, ServiceProfile>("catalog.edit", isIdempotent: false)
        /// Deactivates a service by storing an inactive version (administrators).
        public static let deactivate = Route<CatalogDeactivateRequest, ServiceProfile>(
            "catalog.deactivate", isIdempotent: false)
        /// Offers a deactivated service again by storing an active version (administrators).
        public static let reactivate = Route<CatalogReactivateRequest, ServiceProfile>(
            "catalog.reactivate", isIdempotent: false)
    }
}
