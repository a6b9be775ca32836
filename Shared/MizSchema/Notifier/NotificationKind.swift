/// The events a citizen is told about by SMS; each has its own Persian template.
///
/// The parameters each template needs are listed per case; a `notifier.send` that lacks one,
/// or carries one the template does not use, fails with `invalidInput`.
public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    /// A one-time login code. Parameters: `code`.
    case loginCode
    /// A request was received. Parameters: `processNumber`, `trackingCode`.
    case requestReceived
    /// The official asked for corrections (رفع نقص). Parameters: `processNumber`.
    case fixRequested
    /// The result of a request is ready. Parameters: `processNumber`.
    case resultReady
    /// A complaint was answered. Parameters: `processNumber`.
    case complaintAnswered
}
