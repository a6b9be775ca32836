/// How far a service is electronic, in the national catalogue's three steps.
public enum ElectronicLevel: String, Codable, Sendable, CaseIterable {
    /// اطلاع‌رسانی: only information is online.
    case information
    /// تعاملی: the request and its documents go online; the result or a visit may not.
    case interactive
    /// تراکنشی: the whole service, payment included, is online.
    case transactional
}
