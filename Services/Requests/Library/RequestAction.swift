/// What someone does to a request; each action that moves the status has one legal source
/// set in `RequestStatusMachine`.
package enum RequestAction: String, Sendable, CaseIterable {
    /// The citizen applies.
    case submit
    /// An official takes the request for review.
    case claim
    /// The reviewing official asks for corrections.
    case askForFix
    /// The citizen sends the corrections.
    case submitFix
    /// The reviewing official approves with a result document.
    case approve
    /// The reviewing official rejects with reasons.
    case reject
    /// The citizen withdraws.
    case withdraw
    /// Staff leave a note; the status does not change.
    case note

    /// The action as staff read it in the audit log.
    package var persianName: String {
        switch self {
        case .submit: "ثبت درخواست"
        case .claim: "برداشتن برای بررسی"
        case .askForFix: "درخواست رفع نقص"
        case .submitFix: "ارسال رفع نقص"
        case .approve: "تأیید"
        case .reject: "رد"
        case .withdraw: "انصراف"
        case .note: "یادداشت داخلی"
        }
    }
}
