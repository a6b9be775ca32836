/// Where a request (درخواست) stands in its life, from submission to a decision.
///
/// The legal moves are: submitted → underReview → needsFix → fixed → underReview → approved |
/// rejected; and withdrawn by the citizen from any state before a decision. The requests
/// service refuses any other move with `conflict`.
public enum RequestStatus: String, Codable, Sendable, CaseIterable {
    /// ثبت شده: received, waiting for an official to take it.
    case submitted
    /// در حال بررسی: an official is reviewing it.
    case underReview
    /// نیازمند رفع نقص: the official asked the citizen to correct fields or documents.
    case needsFix
    /// رفع نقص شده: the citizen sent the corrections; it waits for review again.
    case fixed
    /// تأیید شده: approved, with a result document.
    case approved
    /// رد شده: rejected, with reasons.
    case rejected
    /// انصراف: withdrawn by the citizen before a decision.
    case withdrawn

    /// True once nothing more can happen to the request.
    public var isFinal: Bool {
        switch self {
        case .approved, .rejected, .withdrawn: true
        case .submitted, .underReview, .needsFix, .fixed: false
        }
    }

    /// True when an official has decided (approved or rejected).
    public var isDecision: Bool { self == .approved || self == .rejected }

    /// The status as a citizen reads it.
    public var persianName: String {
        switch self {
        case .submitted: "ثبت شده"
        case .underReview: "در حال بررسی"
        case .needsFix: "نیازمند رفع نقص"
        case .fixed: "رفع نقص شده"
        case .approved: "تأیید شده"
        case .rejected: "رد شده"
        case .withdrawn: "انصراف داده شده"
        }
    }
}
