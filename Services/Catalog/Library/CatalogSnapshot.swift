import MizSchema

/// The whole current catalog as read in one transaction: what the search index is built
/// from.
package struct CatalogSnapshot: Sendable {
    /// The store's revision, which every write raises; equal revisions mean equal catalogs.
    package var revision: Int64
    /// The categories, in the catalog's order.
    package var categories: [CategoryDefinition]
    /// The current version of every service, active or not.
    package var profiles: [ServiceProfile]

    /// Makes a snapshot.
    package init(revision: Int64, categories: [CategoryDefinition], profiles: [ServiceProfile]) {
        self.revision = revision
        self.categories = categories
        self.profiles = profiles
    }
}
