/// What a message (ارسال پیام) to the organization is.
public enum MessageKind: String, Codable, Sendable, CaseIterable {
    /// پیشنهاد
    case suggestion
    /// انتقاد
    case criticism
    /// پرسش
    case question
    /// قدردانی
    case appreciation

    /// The kind as a citizen reads it.
    public var persianName: String {
        switch self {
        case .suggestion: "پیشنهاد"
        case .criticism: "انتقاد"
        case .question: "پرسش"
        case .appreciation: "قدردانی"
        }
    }
}
