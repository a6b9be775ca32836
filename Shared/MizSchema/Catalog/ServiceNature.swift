/// The nature of a service in the national services catalogue (ماهیت خدمت).
public enum ServiceNature: String, Codable, Sendable, CaseIterable {
    /// حاکمیتی: only the state may provide it (licences, permits).
    case sovereign
    /// تصدی‌گری: an operation the state runs (seedlings, works).
    case operational
    /// پشتیبانی: support for other activities (loans, facilities).
    case support
}
