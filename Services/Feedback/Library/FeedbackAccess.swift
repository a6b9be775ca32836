import MizSchema

/// Who may do what with feedback, checked by the service itself from the envelope's caller
/// for every call, not only by the gateway: a caller reaching the bus another way gets no more.
package enum FeedbackAccess {
    /// Lets only people (a citizen or someone not logged in) write surveys and complaints:
    /// staff and services may not speak for a citizen.
    package static func requirePerson(_ caller: Caller) throws(BusError) {
        switch caller.kind {
        case .anonymous, .citizen: return
        case .staff, .service:
            throw BusError(.forbidden, message: "نظرسنجی و شکایت را فقط متقاضی خود درخواست می‌تواند ثبت کند.")
        }
    }

    /// The provinces a staff caller works for: nil for a national administrator (every
    /// province, and messages without one), the listed ones for an official.
    ///
    /// - Throws: `unauthorized` for a caller not logged in, `forbidden` for citizens and
    ///   services.
    package static func staffScope(_ caller: Caller) throws(BusError) -> Set<String>? {
        switch caller.kind {
        case .anonymous:
            throw BusError(.unauthorized)
        case .citizen, .service:
            throw BusError(.forbidden, message: "این بخش فقط برای کارکنان استان‌ها است.")
        case .staff:
            if caller.role == .administrator { return nil }
            return Set(caller.provinces ?? [])
        }
    }

    /// Whether a scope from `staffScope` covers `province` (nil: a national item).
    package static func covers(_ scope: Set<String>?, province: String?) -> Bool {
        guard let scope else { return true }
        guard let province else { return false }
        return scope.contains(province)
    }
}
