/// Where a complaint (شکایت) stands: registered → underReview → answered → closed.
///
/// An official may answer straight from `registered`; `closed` only follows an answer.
public enum ComplaintStatus: String, Codable, Sendable, CaseIterable {
    /// ثبت شده: received, not yet taken by an official.
    case registered
    /// در حال بررسی: an official is looking into it.
    case underReview
    /// پاسخ داده شده: answered; the answer is shown to the citizen and sent by SMS.
    case answered
    /// بسته شده: closed after the answer.
    case closed

    /// True while the complaint still waits for an answer.
    public var isOpen: Bool { self == .registered || self == .underReview }

    /// The status as a citizen reads it.
    public var persianName: String {
        switch self {
        case .registered: "ثبت شده"
        case .underReview: "در حال بررسی"
        case .answered: "پاسخ داده شده"
        case .closed: "بسته شده"
        }
    }
}
