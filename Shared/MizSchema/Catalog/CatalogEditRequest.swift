/// The request of `catalog.edit` (administrators only): the next version of a service's card.
///
/// The draft replaces the whole editable part; `profile.code` must equal `code`. Older
/// versions stay readable.
public struct CatalogEditRequest: Codable, Sendable, Equatable {
    /// The service to edit.
    public var code: String
    /// The version the editor started from; when another edit came first the call fails
    /// with `conflict` instead of overwriting it. Nil skips the check.
    public var baseVersion: Int?
    /// The new content.
    public var profile: ServiceProfileDraft
    /// True to activate a deactivated service with this edit, false to deactivate it, nil to
    /// keep its state.
    public var active: Bool?

    /// Makes the request.
    public init(code: String, baseVersion: Int?, profile: ServiceProfileDraft, active: Bool? = nil) {
        self.code = code
        self.baseVersion = baseVersion
        self.profile = profile
        self.active = active
    }
}
