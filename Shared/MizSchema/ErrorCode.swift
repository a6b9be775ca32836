/// The closed set of reasons a call on the bus can fail, shared by every service and by the
/// gateway's mapping to HTTP statuses.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    /// The caller sent something malformed or out of range; `fields` says what.
    case invalidInput
    /// No such thing, or not one the caller may know exists.
    case notFound
    /// The caller must log in first.
    case unauthorized
    /// The caller is known but may not do this.
    case forbidden
    /// The action clashes with the current state (an illegal transition, a duplicate).
    case conflict
    /// Too many attempts in a short time; try again later.
    case tooManyRequests
    /// No instance of the service can take the call now (none running, or its queue is full).
    case unavailable
    /// The deadline passed before an answer came.
    case timeout
    /// Something broke inside the service; the log has the details under the trace id.
    case `internal`

    /// The message a person reads when nothing more specific is said.
    public var defaultPersianMessage: String {
        switch self {
        case .invalidInput: "اطلاعات وارد شده معتبر نیست."
        case .notFound: "مورد درخواستی یافت نشد."
        case .unauthorized: "لطفاً ابتدا وارد سامانه شوید."
        case .forbidden: "شما اجازه دسترسی به این بخش را ندارید."
        case .conflict: "این کار با وضعیت فعلی سازگار نیست."
        case .tooManyRequests: "تعداد درخواست‌ها بیش از حد مجاز است؛ لطفاً کمی بعد دوباره تلاش کنید."
        case .unavailable: "سامانه موقتاً در دسترس نیست؛ لطفاً چند لحظه بعد دوباره تلاش کنید."
        case .timeout: "پاسخ در زمان مقرر دریافت نشد؛ لطفاً دوباره تلاش کنید."
        case .internal: "خطایی در سامانه رخ داد؛ لطفاً بعداً دوباره تلاش کنید."
        }
    }

    /// Whether trying the same call again later may succeed.
    public var isTransient: Bool {
        switch self {
        case .unavailable, .timeout, .tooManyRequests: true
        default: false
        }
    }
}
