import MizSchema

/// Who may do what in the catalog, checked by the catalog itself for every call and not only
/// by the gateway: a caller reaching the bus another way gets no more.
package enum CatalogAccess {
    /// Whether the caller may see deactivated services and their current versions: staff,
    /// and other services of the desk (requests reads the version a request was made under).
    package static func seesInactive(_ caller: Caller) -> Bool {
        caller.kind == .staff || caller.kind == .service
    }

    /// Lets only a national administrator change the catalog.
    ///
    /// - Throws: `unauthorized` for a caller not logged in, `forbidden` for anyone else who is
    ///   not a staff member with the administrator role.
    package static func requireAdministrator(_ caller: Caller) throws(BusError) {
        switch caller.kind {
        case .anonymous:
            throw BusError(.unauthorized)
        case .staff where caller.role == .administrator:
            return
        default:
            throw BusError(.forbidden, message: "فقط مدیر سامانه می‌تواند شناسنامه خدمات را تغییر دهد.")
        }
    }

    /// Lets only staff ask for deactivated services in a list, or read `what` (in Persian).
    package static func requireStaff(_ caller: Caller, reading what: String = "فهرست خدمات غیرفعال")
        throws(BusError)
    {
        switch caller.kind {
        case .anonymous: throw BusError(.unauthorized)
        case .staff: return
        default: throw BusError(.forbidden, message: "\(what) فقط برای کارکنان است.")
        }
    }
}
