/// The request of `identity.staffUpdate`: an administrator disables or re-enables an account,
/// or changes the provinces an official works for. A field left nil stays as it is.
///
/// Disabling ends every open session of the account in the same transaction. An administrator
/// cannot disable their own account, and the last enabled administrator cannot be disabled,
/// so the desk is never left without someone who can manage it, unless the machine's operator
/// (the `desk` service, `desk admin disable --even-if-last`) says so for a recovery: an
/// administrator's password leaked and nobody else can log in to disable it.
public struct IdentityStaffUpdateRequest: Codable, Sendable, Equatable {
    /// The account's user name.
    public var username: String
    /// True to enable the account, false to disable it; nil leaves it as it is.
    public var enabled: Bool?
    /// The official's new province slugs (MizPersian's list), at least one; nil leaves them.
    /// An administrator's provinces are always empty (they see every province).
    public var provinces: [String]?
    /// True to disable the last enabled administrator all the same; only the `desk` service
    /// may set it (anyone else is refused with `forbidden`). Nil or false keeps the rule.
    public var evenIfLastAdministrator: Bool?

    /// Makes the request.
    public init(
        username: String, enabled: Bool? = nil, provinces: [String]? = nil, evenIfLastAdministrator: Bool? = nil
    ) {
        self.username = username
        self.enabled = enabled
        self.provinces = provinces
        self.evenIfLastAdministrator = evenIfLastAdministrator
    }
}
