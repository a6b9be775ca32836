/// Who is calling: set by the gateway from the session it checked, and by a service when it
/// calls another on its own behalf. Every service checks it for every read and write.
public struct Caller: Codable, Sendable, Equatable {
    /// The kinds of callers the desk knows.
    public enum Kind: String, Codable, Sendable {
        /// Nobody logged in: public pages, tracking with a tracking code.
        case anonymous
        /// A citizen logged in to their panel with an SMS code.
        case citizen
        /// An official or administrator logged in with a password.
        case staff
        /// A service of the desk calling another.
        case service
    }

    public var kind: Kind
    /// The citizen's national code (10 digits), for `citizen`.
    public var nationalCode: String?
    /// The staff account's id, for `staff`.
    public var staffId: String?
    /// The staff member's role, for `staff`.
    public var role: StaffRole?
    /// Province slugs a staff member works for; empty for a national administrator.
    public var provinces: [String]?
    /// The calling service's name, for `service`.
    public var service: String?
    /// The client's address as the gateway saw it, for rate limits.
    public var clientAddress: String?

    public init(
        kind: Kind,
        nationalCode: String? = nil,
        staffId: String? = nil,
        role: StaffRole? = nil,
        provinces: [String]? = nil,
        service: String? = nil,
        clientAddress: String? = nil
    ) {
        self.kind = kind
        self.nationalCode = nationalCode
        self.staffId = staffId
        self.role = role
        self.provinces = provinces
        self.service = service
        self.clientAddress = clientAddress
    }

    /// Nobody logged in.
    public static let anonymous = Caller(kind: .anonymous)

    /// A service of the desk, by name.
    public static func service(_ name: String) -> Caller { Caller(kind: .service, service: name) }
}

/// What a staff member may do.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    /// کارشناس استان: works the inbox of their provinces.
    case official
    /// A national administrator: manages staff and the catalog, sees every province.
    case administrator
}
